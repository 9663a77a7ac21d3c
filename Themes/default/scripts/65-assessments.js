// Assessed quizzes, scored by the server. The page holds the question bank but not the keys: "Start" asks the server
// for an attempt (it draws the questions and enforces the limit), the questions it names are shown in its order,
// and the submitted answers come back marked — which were wrong, with hints and the teaching feedback, and the right
// options only when the server sends them (once passed, or when the round's attempts are used up).
//
// A learner id, made the first time, identifies this device's attempts to the server, which keeps only a keyed hash
// of it. It is a key of its own: never sent with events or research answers, so training records cannot be joined to
// them. Without JavaScript the same start button posts a form, and the server answers with pages.
//   learner: "<uuid>"
//   assessment:<quiz>: {passed, best, attempt: {id, questions} | null, retakeFrom: <ms> | null}
var learnerHere = null;

function learnerID() {
  if (learnerHere) return learnerHere;
  learnerHere = load("learner", null);
  if (!learnerHere) {
    learnerHere = uuid();
    save("learner", learnerHere);
  }
  return learnerHere;
}

// A JSON request to the API: resolves with {status, body, headers}; rejects when the server cannot be reached.
function askServer(method, url, payload) {
  var options = { method: method, credentials: "omit", referrerPolicy: "no-referrer", headers: { Accept: "application/json" } };
  if (payload) {
    options.headers["Content-Type"] = "application/json";
    options.body = JSON.stringify(payload);
  }
  return window.fetch(url, options).then(function (response) {
    return response.json().catch(function () { return {}; }).then(function (body) {
      return { status: response.status, body: body, headers: response.headers };
    });
  });
}

// The words of an element's data-text-* attributes (the theme's strings), else the page's.
function wordsOf(element) {
  return function (key) {
    return element.getAttribute("data-text-" + key.replace(/[A-Z]/g, function (c) { return "-" + c.toLowerCase(); })) || text(key);
  };
}

// A day the server names (YYYY-MM-DD, UTC) as people write it here, e.g. "10 December 2026".
function dayText(iso) {
  var time = Date.parse(iso + "T12:00:00Z");
  if (isNaN(time)) return iso;
  try {
    return new Date(time).toLocaleDateString(html.lang || undefined, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  } catch (e) {
    return iso;
  }
}

function isoDay(time) {
  return new Date(time).toISOString().slice(0, 10);
}

function assessmentPassed(quiz) {
  return Boolean(load("assessment:" + quiz, {}).passed);
}

all("section[data-assessment]").forEach(function (section) {
  var say = wordsOf(section);
  var quiz = section.dataset.assessment;
  var key = "assessment:" + quiz;
  var state = load(key, {});
  var startForm = section.querySelector(".assessment__start");
  var form = section.querySelector(".assessment__form");
  var actions = form.querySelector(".quiz__actions");
  var submit = actions.querySelector("button[type=submit]");
  var result = section.querySelector(".assessment__result");
  var again = section.querySelector(".assessment__again");
  var meanwhile = section.querySelector(".assessment__meanwhile");
  var bank = all(".question", form);
  var asked = [];
  result.setAttribute("tabindex", "-1");

  function question(id) {
    return bank.filter(function (q) { return q.dataset.question === id; })[0];
  }

  function clear(q) {
    q.classList.remove("is-marked", "is-right", "is-wrong");
    all(".question__verdict, .hint, .option__feedback, .option__tag", q).forEach(function (e) { e.remove(); });
    all(".option", q).forEach(function (o) { o.classList.remove("is-chosen", "is-answer"); });
    all("input", q).forEach(function (input) { input.checked = false; input.disabled = false; });
  }

  function showOnly(visible) {
    show(startForm, visible === "start");
    show(form, visible === "questions" || visible === "marked");
    show(submit, visible === "questions");
    show(again, visible === "again");
    show(meanwhile, visible === "wait");
  }

  // The questions the server drew, in its order, numbered from 1.
  function present(attempt) {
    asked = [];
    bank.forEach(function (q) { clear(q); q.hidden = true; });
    attempt.questions.forEach(function (id, index) {
      var q = question(id);
      if (!q) return;
      form.insertBefore(q, actions);
      q.hidden = false;
      q.querySelector(".question__number").textContent = (index + 1) + ".";
      asked.push(q);
    });
    result.textContent = "";
    showOnly("questions");
  }

  function passedBefore() {
    section.classList.add("is-passed");
    showOnly("none");
    form.hidden = true;
    result.textContent = say("passedAlready") + (typeof state.best === "number" ? " " + say("scoredBefore") + ": " + state.best + "%." : "");
  }

  function waitUntil(time) {
    showOnly("wait");
    form.hidden = asked.length === 0;
    return say("attemptsUsed") + " " + dayText(isoDay(time)) + ".";
  }

  function refused(answer) {
    var code = answer.body && answer.body.error && answer.body.error.code;
    if (code === "already_passed") {
      state.passed = true;
      state.attempt = null;
      save(key, state);
      passedBefore();
      announce(result, result.textContent);
      return;
    }
    if (code === "attempts_used") {
      state.retakeFrom = now() + 1000 * (Number(answer.headers.get("Retry-After")) || 0);
      state.attempt = null;
      save(key, state);
      announce(result, waitUntil(state.retakeFrom));
      return;
    }
    if (code === "already_submitted" || code === "not_found") {
      // The attempt this device remembered is over: start afresh.
      state.attempt = null;
      save(key, state);
      showOnly("again");
    }
    announce(result, (answer.body && answer.body.error && answer.body.error.message) || say("cannotReach"));
  }

  function start() {
    askServer("POST", section.dataset.start, { learner: learnerID() }).then(function (answer) {
      if (answer.status !== 201) { refused(answer); return; }
      state.attempt = { id: answer.body.attempt, questions: answer.body.questions };
      state.retakeFrom = null;
      save(key, state);
      present(state.attempt);
      var first = asked[0] && asked[0].querySelector("input");
      if (first) first.focus();
    }).catch(function () { announce(result, say("cannotReach")); });
  }

  function tag(option, words) {
    var label = document.createElement("strong");
    label.className = "option__tag";
    label.textContent = "(" + words + ")";
    option.querySelector("label").appendChild(document.createTextNode(" "));
    option.querySelector("label").appendChild(label);
  }

  // The server's marks, shown in words as well as colour: never the right options unless it sent them.
  function mark(outcome) {
    var marks = {};
    outcome.questions.forEach(function (m) { marks[m.id] = m; });
    var right = 0;
    asked.forEach(function (q) {
      var m = marks[q.dataset.question];
      all("input", q).forEach(function (input) {
        input.disabled = true;
        if (input.checked) input.closest(".option").classList.add("is-chosen");
      });
      if (!m) return;
      if (m.correct) right += 1;
      q.classList.add("is-marked", m.correct ? "is-right" : "is-wrong");
      var verdict = document.createElement("p");
      verdict.className = "question__verdict";
      verdict.textContent = say(m.correct ? "right" : "notRight") + ".";
      q.querySelector("legend").insertAdjacentElement("afterend", verdict);
      all(".option.is-chosen", q).forEach(function (option) { tag(option, say("youChose")); });
      (m.feedback || []).forEach(function (item) {
        var option = q.querySelector(".option[data-option='" + Number(item.option) + "']");
        if (!option) return;
        var feedback = document.createElement("div");
        feedback.className = "option__feedback";
        feedback.innerHTML = "<p>" + item.html + "</p>";
        option.appendChild(feedback);
      });
      (m.hints || []).forEach(function (hint) {
        var p = document.createElement("p");
        p.className = "hint";
        p.innerHTML = "<strong></strong> " + hint;
        p.firstChild.textContent = say("hint") + ":";
        q.appendChild(p);
      });
      (m.answer || []).forEach(function (n) {
        var option = q.querySelector(".option[data-option='" + Number(n) + "']");
        if (!option) return;
        option.classList.add("is-answer");
        tag(option, say("answer"));
      });
    });
    state.attempt = null;
    state.best = Math.max(state.best || 0, outcome.score);
    if (outcome.passed) state.passed = true;
    state.retakeFrom = outcome.retakeFrom ? Date.parse(outcome.retakeFrom + "T00:00:00Z") : null;
    save(key, state);

    var verdict = outcome.passed ? say("passed") : say("notPassed");
    var bands = all("[data-band-min]", section).filter(function (band) {
      return outcome.score >= Number(band.dataset.bandMin) && outcome.score <= Number(band.dataset.bandMax);
    }).map(function (band) { return band.textContent.trim(); }).join(" ");
    var message = say("yourScore") + ": " + outcome.score + "% (" + right + " " + say("outOf") + " " + asked.length + "). ";
    // The verdict in the page's words, unless the author's band for the score opens with the same ones.
    if (bands.toLowerCase().indexOf(verdict.toLowerCase()) !== 0) message += verdict + " ";
    if (!outcome.passed) message += say("passMarkIs") + " " + outcome.passMark + "%. ";
    message = (message + bands).trim();
    if (outcome.passed) {
      section.classList.add("is-passed");
      showOnly("marked");
    } else if (outcome.retakeFrom) {
      message += " " + say("attemptsUsed") + " " + dayText(outcome.retakeFrom) + ".";
      showOnly("wait");
      form.hidden = false;
    } else {
      if (typeof outcome.attemptsLeft === "number") message += " " + say("attemptsLeft") + ": " + outcome.attemptsLeft + ".";
      showOnly("again");
      form.hidden = false;
    }
    announce(result, message);
    // The anonymous count for the usage figures, through the outbox like every event: no learner id.
    sendEvent({ type: "quiz.completed", course: section.dataset.course, module: section.dataset.module, quiz: quiz, score: outcome.score / 100 });
  }

  startForm.addEventListener("submit", function (event) {
    event.preventDefault();
    start();
  });
  again.querySelector("button").addEventListener("click", start);

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (!state.attempt) return;
    var unanswered = asked.filter(function (q) { return !q.querySelector("input:checked"); });
    if (unanswered.length) {
      announce(result, say("answerEveryQuestion"));
      unanswered[0].querySelector("input").focus();
      return;
    }
    var answers = {};
    asked.forEach(function (q) {
      answers[q.dataset.question] = all("input:checked", q).map(function (input) { return Number(input.value); });
    });
    submit.disabled = true;
    askServer("POST", section.dataset.start + "/" + encodeURIComponent(state.attempt.id), { learner: learnerID(), answers: answers })
      .then(function (answer) {
        submit.disabled = false;
        if (answer.status === 200) mark(answer.body);
        else refused(answer);
      }).catch(function () {
        // Nothing was marked: the answers stay chosen, to send again.
        submit.disabled = false;
        announce(result, say("cannotReach"));
      });
  });

  // As this device left it: passed, an attempt to finish, a wait for a fresh set, or ready to start.
  if (state.passed) passedBefore();
  else if (state.attempt) present(state.attempt);
  else if (state.retakeFrom && now() < state.retakeFrom) result.textContent = waitUntil(state.retakeFrom);
});

// The course page links to the certificate once every assessed quiz of the course is passed on this device.
all("[data-certificate-link]").forEach(function (link) {
  show(link, link.dataset.quizzes.split(" ").every(assessmentPassed));
});
