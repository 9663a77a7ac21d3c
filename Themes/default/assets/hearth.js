// Hearth default theme script. Everything here is an enhancement: every page reads and works without it.
(function () {
  "use strict";
  var doc = document.documentElement;
  doc.classList.remove("no-js");
  doc.classList.add("js");

  var body = document.body;
  var data = body ? body.dataset : {};
  var store = safeStorage();

  // Quick exit: the link works without script; with it, the page is also replaced in history, and Esc ×3 leaves.
  var exitLink = document.querySelector(".quick-exit__link");
  function leave(event) {
    if (event) event.preventDefault();
    window.location.replace(exitLink.href);
  }
  if (exitLink) {
    exitLink.addEventListener("click", leave);
    var escapes = [];
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") return;
      var now = Date.now();
      escapes = escapes.filter(function (t) { return now - t < 1500; });
      escapes.push(now);
      if (escapes.length >= 3) leave();
    });
  }

  function safeStorage() {
    try {
      var probe = "__hearth";
      window.localStorage.setItem(probe, probe);
      window.localStorage.removeItem(probe);
      return window.localStorage;
    } catch (e) {
      return null;
    }
  }
  function load(key, fallback) {
    if (!store) return fallback;
    try { return JSON.parse(store.getItem("hearth:" + key)) || fallback; } catch (e) { return fallback; }
  }
  function save(key, value) {
    if (store) { try { store.setItem("hearth:" + key, JSON.stringify(value)); } catch (e) { /* storage full: progress is a nicety */ } }
  }

  // Events: anonymous counts unless the person has opted in to research, in which case a random id goes with them.
  function uuid() {
    if (window.crypto && window.crypto.randomUUID) return window.crypto.randomUUID();
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join("");
    return hex.slice(0, 8) + "-" + hex.slice(8, 12) + "-" + hex.slice(12, 16) + "-" + hex.slice(16, 20) + "-" + hex.slice(20);
  }
  // Events wait in an outbox on this device until the server has stored them. Each keeps the id it was
  // given when it happened, so a retry after a lost answer is recognised by the server, not counted twice.
  var retryAt = 0;
  var flushing = false;
  function send(event) {
    if (!data.apiBase || !window.fetch) return;
    var consent = load("consent", null);
    event.id = uuid();
    if (consent && consent.participant && consent.version === data.consentVersion) event.participant = consent.participant;
    var area = load("area", null);
    if (area) event.area = area;
    // Read afresh: another tab may have added or sent events since this page loaded.
    var outbox = load("outbox", []);
    outbox.push(event);
    // A device offline for a long time keeps the newest events rather than filling its storage.
    save("outbox", outbox.slice(-500));
    flush();
  }
  function flush() {
    if (flushing || Date.now() < retryAt || !data.apiBase || !window.fetch) return;
    var batch = load("outbox", []).slice(0, 100);
    if (!batch.length) return;
    flushing = true;
    var finished = function () { flushing = false; };
    window.fetch(data.apiBase.replace(/\/$/, "") + "/events", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ events: batch }),
      keepalive: true,
      credentials: "omit",
      referrerPolicy: "no-referrer"
    }).then(function (response) {
      var status = response.status;
      if (status === 202 || (status >= 400 && status < 500 && status !== 408 && status !== 429)) {
        // Stored, or refused for good (the site changed under it): either way these leave the outbox.
        var sent = {};
        batch.forEach(function (event) { sent[event.id] = true; });
        save("outbox", load("outbox", []).filter(function (event) { return !sent[event.id]; }));
        finished();
        flush();
      } else {
        // Busy or unwell: wait as long as the server asks (or half a minute), keeping everything.
        retryAt = Date.now() + 1000 * (Number(response.headers.get("Retry-After")) || 30);
        finished();
      }
    }).catch(function () {
      // Offline or no API: the events stay in the outbox for a later page, or for the connection's return.
      retryAt = Date.now() + 30000;
      finished();
    });
  }
  window.addEventListener("online", function () { retryAt = 0; flush(); });
  flush();

  // Progress: pages seen per module, kept on this device only.
  var progress = load("progress", {});
  if (data.kind === "module-page" && data.course && data.module) {
    var key = data.course + "/" + data.module;
    var seen = progress[key] || { pages: [], done: false };
    var page = Number(data.page);
    if (seen.pages.length === 0) send({ type: "module.started", course: data.course, module: data.module });
    if (seen.pages.indexOf(page) < 0) seen.pages.push(page);
    var total = Number(data.modulePages);
    if (!seen.done && seen.pages.length >= total) {
      seen.done = true;
      send({ type: "module.completed", course: data.course, module: data.module });
    }
    seen.last = window.location.pathname.split("/").pop() || "index.html";
    progress[key] = seen;
    progress["last:" + data.course] = data.module + "/" + seen.last;
    save("progress", progress);
  }
  if (data.kind === "course" && data.course) {
    document.querySelectorAll("[data-module-card]").forEach(function (card) {
      var entry = progress[data.course + "/" + card.dataset.moduleCard];
      if (entry && entry.done) {
        card.classList.add("is-done");
        var badge = card.querySelector(".done-badge");
        if (badge) badge.hidden = false;
      }
    });
    var last = progress["last:" + data.course];
    var resume = document.querySelector("[data-resume]");
    if (last && resume) {
      resume.querySelector("a").href = last;
      resume.hidden = false;
    }
  }

  // Quizzes: reveal hints one at a time, mark answers, keep attempts, draw questions from the pool.
  document.querySelectorAll("form.quiz__form").forEach(function (form) {
    var questions = Array.prototype.slice.call(form.querySelectorAll(".question"));
    var result = form.querySelector(".quiz__result");
    var retry = form.querySelector("[data-retry]");
    var submit = form.querySelector("button[type=submit]");
    var quizKey = "quiz:" + form.dataset.quiz;
    var record = load(quizKey, { attempts: 0, best: null });
    var allowed = form.dataset.attempts ? Number(form.dataset.attempts) : Infinity;
    var active = questions;

    questions.forEach(function (question) {
      var hints = Array.prototype.slice.call(question.querySelectorAll(".hint"));
      hints.forEach(function (hint, index) {
        if (index > 0) hint.setAttribute("data-locked", "");
        hint.addEventListener("toggle", function () {
          if (hint.open && hints[index + 1]) hints[index + 1].removeAttribute("data-locked");
        });
      });
    });

    function draw() {
      var count = form.dataset.draw ? Number(form.dataset.draw) : questions.length;
      var pool = questions.slice();
      for (var i = pool.length - 1; i > 0; i--) {
        var j = Math.floor(Math.random() * (i + 1));
        var t = pool[i]; pool[i] = pool[j]; pool[j] = t;
      }
      active = form.dataset.draw ? pool.slice(0, count) : questions;
      questions.forEach(function (q) {
        q.hidden = active.indexOf(q) < 0;
        q.classList.remove("is-marked");
        q.querySelectorAll("input").forEach(function (input) { input.checked = false; input.disabled = false; });
        q.querySelectorAll(".option").forEach(function (o) { o.classList.remove("is-right", "is-wrong"); });
        q.querySelectorAll(".option__feedback").forEach(function (f) { f.hidden = true; });
      });
      if (form.dataset.draw) active.forEach(function (q) { q.parentNode.insertBefore(q, form.querySelector(".quiz__actions")); });
      result.textContent = "";
      if (retry) retry.hidden = true;
      if (submit) submit.hidden = false;
    }
    draw();

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (record.attempts >= allowed) { result.textContent = text("noAttemptsLeft"); return; }
      var unanswered = active.filter(function (q) { return !q.querySelector("input:checked"); });
      if (unanswered.length) { result.textContent = text("answerEveryQuestion"); unanswered[0].querySelector("input").focus(); return; }
      var right = 0;
      active.forEach(function (q) {
        var exact = true, pickedBetter = false;
        q.querySelectorAll(".option").forEach(function (option) {
          var input = option.querySelector("input");
          var isRight = option.dataset.correct === "true";
          if (input.checked !== isRight) exact = false;
          if (input.checked && isRight) pickedBetter = true;
          if (input.checked) {
            option.classList.add(isRight ? "is-right" : "is-wrong");
            option.querySelector(".option__feedback").hidden = false;
          }
          input.disabled = true;
        });
        // A scenario can have several helpful replies: choosing any of them counts.
        var correct = q.classList.contains("question--scenario") ? pickedBetter : exact;
        q.classList.add("is-marked");
        if (correct) right += 1;
      });
      var score = Math.round((right / active.length) * 100);
      record.attempts += 1;
      record.best = Math.max(record.best || 0, score);
      save(quizKey, record);
      var message = text("yourScore") + ": " + score + "%. ";
      if (form.dataset.passMark) {
        var passed = score >= Number(form.dataset.passMark);
        message += passed ? text("passed") : text("notPassed");
        if (!passed && allowed !== Infinity) message += " " + text("attemptsLeft") + ": " + Math.max(0, allowed - record.attempts) + ".";
      }
      form.querySelectorAll("[data-band-min]").forEach(function (band) {
        if (score >= Number(band.dataset.bandMin) && score <= Number(band.dataset.bandMax)) message += " " + band.textContent.replace(/^[^:]*:\s*/, "");
      });
      result.textContent = message;
      if (submit) submit.hidden = true;
      if (retry && record.attempts < allowed) retry.hidden = false;
      send({ type: "quiz.completed", course: form.dataset.course, module: form.dataset.module, quiz: form.dataset.quiz, score: score / 100 });
    });
    if (retry) retry.addEventListener("click", draw);
  });

  // Interface text the script shows: from the page's data-text-* attributes (the theme's strings file), else English.
  function text(key) {
    var strings = {
      noAttemptsLeft: "You have used all your attempts.",
      answerEveryQuestion: "Please answer every question first.",
      yourScore: "Your score",
      passed: "You passed.",
      notPassed: "Not passed yet.",
      attemptsLeft: "Attempts left",
      saved: "Saved. Thank you.",
      noResults: "Nothing matched. Try a shorter or different word."
    };
    var attribute = "data-text-" + key.replace(/[A-Z]/g, function (c) { return "-" + c.toLowerCase(); });
    var fromPage = body && body.getAttribute(attribute);
    return fromPage || strings[key];
  }

  // Questionnaires: answers stay on the device. (Sending them, with research consent, needs the consent flow still to come.)
  document.querySelectorAll("form.measure").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var occasion = form.querySelector("input[name=occasion]:checked");
      var answers = {};
      form.querySelectorAll(".measure__item").forEach(function (item) {
        var chosen = item.querySelector("input:checked");
        if (chosen) answers[item.dataset.item] = Number(chosen.value);
      });
      var saved = load("measures", {});
      saved[form.dataset.measure + ":" + (occasion ? occasion.value : "before")] = answers;
      save("measures", saved);
      var result = form.querySelector(".measure__result");
      result.textContent = text("saved");
      // Signposts: score the items each one covers (reverse-scored where marked) and show those that apply.
      form.querySelectorAll(".signpost").forEach(function (signpost) {
        var ids = signpost.dataset.items.split(" ").filter(Boolean);
        var reversed = signpost.dataset.reversed.split(" ");
        var low = Number(signpost.dataset.scaleMin), high = Number(signpost.dataset.scaleMax);
        var scores = ids.filter(function (id) { return id in answers; }).map(function (id) {
          return reversed.indexOf(id) >= 0 ? low + high - answers[id] : answers[id];
        });
        if (scores.length < ids.length) return;
        var score = scores.reduce(function (a, b) { return a + b; }, 0);
        if (signpost.dataset.scoring === "mean") score = score / scores.length;
        var reached = ("min" in signpost.dataset && score >= Number(signpost.dataset.min)) ||
                      ("max" in signpost.dataset && score <= Number(signpost.dataset.max));
        if (reached) {
          var message = document.createElement("p");
          message.className = "signpost-message";
          message.textContent = signpost.textContent;
          result.appendChild(message);
        }
      });
    });
  });

  // Search: filter the index by every word typed.
  var search = document.getElementById("search-input");
  if (search && window.fetch) {
    var results = document.querySelector(".search-results");
    var index = null;
    window.fetch(search.dataset.searchIndex).then(function (r) { return r.json(); }).then(function (entries) { index = entries; });
    search.addEventListener("input", function () {
      var words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
      results.textContent = "";
      if (!index || !words.length) return;
      var root = data.root || "";
      var found = index.filter(function (entry) {
        var hay = (entry.title + " " + entry.summary + " " + entry.text).toLowerCase();
        return words.every(function (w) { return hay.indexOf(w) >= 0; });
      }).slice(0, 30);
      if (!found.length) { var none = document.createElement("li"); none.textContent = text("noResults"); results.appendChild(none); return; }
      found.forEach(function (entry) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = root + entry.url;
        a.textContent = entry.title;
        li.appendChild(a);
        if (entry.summary) { var p = document.createElement("p"); p.textContent = entry.summary; li.appendChild(p); }
        results.appendChild(li);
      });
    });
  }
})();
