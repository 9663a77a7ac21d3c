// Quizzes that are not assessed: hints one at a time, marking with words as well as colour, the result
// announced with focus moved to it, attempts and the best score kept on this device (so a quiz passed stays
// shown as passed after a reload), and questions drawn from a pool when the quiz says so.
//   quiz:<id>: {attempts, best}
all("form.quiz__form").forEach(function (form) {
  var questions = all(".question", form);
  var result = form.querySelector(".quiz__result");
  var retry = form.querySelector("[data-retry]");
  var submit = form.querySelector("button[type=submit]");
  var quizKey = "quiz:" + form.dataset.quiz;
  var record = load(quizKey, { attempts: 0, best: null });
  var allowed = form.dataset.attempts ? Number(form.dataset.attempts) : Infinity;
  // Without a pass mark, passing means every answer right.
  var passMark = form.dataset.passMark ? Number(form.dataset.passMark) : 100;
  var active = questions;
  result.setAttribute("tabindex", "-1");

  questions.forEach(function (question) {
    var hints = all(".hint", question);
    hints.forEach(function (hint, index) {
      if (index > 0) hint.setAttribute("data-locked", "");
      hint.addEventListener("toggle", function () {
        if (hint.open && hints[index + 1]) hints[index + 1].removeAttribute("data-locked");
      });
    });
  });

  function draw() {
    var pool = questions.slice();
    if (form.dataset.draw) {
      for (var i = pool.length - 1; i > 0; i--) {
        var j = Math.floor(Math.random() * (i + 1));
        var t = pool[i]; pool[i] = pool[j]; pool[j] = t;
      }
      active = pool.slice(0, Number(form.dataset.draw));
      active.forEach(function (q) { q.parentNode.insertBefore(q, form.querySelector(".quiz__actions")); });
    }
    questions.forEach(function (q) {
      q.hidden = active.indexOf(q) < 0;
      q.classList.remove("is-marked");
      all("input", q).forEach(function (input) { input.checked = false; input.disabled = false; });
      all(".option", q).forEach(function (o) { o.classList.remove("is-right", "is-wrong"); });
      all(".option__feedback", q).forEach(function (f) { f.hidden = true; });
      all(".option__verdict", q).forEach(function (v) { v.remove(); });
    });
    // Numbered in the order shown, whichever were drawn.
    active.forEach(function (q, index) { q.querySelector(".question__number").textContent = (index + 1) + "."; });
    result.textContent = "";
    show(retry, false);
    show(submit, true);
  }

  // The best score so far, from an earlier visit.
  function remembered() {
    if (record.best === null || record.best === undefined) return;
    var message = text("scoredBefore") + ": " + record.best + "%.";
    if (record.best >= passMark) {
      message += " " + text("passedBefore");
      form.closest(".quiz").classList.add("is-passed");
    }
    result.textContent = message;
  }

  draw();
  remembered();

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (record.attempts >= allowed) { announce(result, text("noAttemptsLeft")); return; }
    var unanswered = active.filter(function (q) { return !q.querySelector("input:checked"); });
    if (unanswered.length) {
      result.textContent = text("answerEveryQuestion");
      unanswered[0].querySelector("input").focus();
      return;
    }
    var right = 0;
    active.forEach(function (q) {
      var exact = true, pickedBetter = false;
      var scenario = q.classList.contains("question--scenario");
      all(".option", q).forEach(function (option) {
        var input = option.querySelector("input");
        var isRight = option.dataset.correct === "true";
        if (input.checked !== isRight) exact = false;
        if (input.checked && isRight) pickedBetter = true;
        if (input.checked) {
          option.classList.add(isRight ? "is-right" : "is-wrong");
          var feedback = option.querySelector(".option__feedback");
          // Said in words, not only by the border's colour.
          var word = isRight ? text(scenario ? "betterChoice" : "right") : text(scenario ? "lessHelpful" : "notRight");
          // Unless the author's feedback already opens with the same word.
          if (feedback.textContent.trim().toLowerCase().indexOf(word.toLowerCase()) !== 0) {
            var verdict = document.createElement("p");
            verdict.className = "option__verdict";
            verdict.textContent = word + ".";
            feedback.insertBefore(verdict, feedback.firstChild);
          }
          feedback.hidden = false;
        }
        input.disabled = true;
      });
      // A scenario can have several helpful replies: choosing any of them counts.
      if (scenario ? pickedBetter : exact) right += 1;
      q.classList.add("is-marked");
    });
    var score = Math.round((right / active.length) * 100);
    record.attempts += 1;
    record.best = Math.max(record.best || 0, score);
    save(quizKey, record);
    var message = text("yourScore") + ": " + score + "% (" + right + " " + text("outOf") + " " + active.length + "). ";
    if (form.dataset.passMark) {
      var passed = score >= passMark;
      message += passed ? text("passed") : text("notPassed");
      if (!passed && allowed !== Infinity) message += " " + text("attemptsLeft") + ": " + Math.max(0, allowed - record.attempts) + ".";
    }
    all("[data-band-min]", form).forEach(function (band) {
      if (score >= Number(band.dataset.bandMin) && score <= Number(band.dataset.bandMax)) message += " " + band.textContent.replace(/^[^:]*:\s*/, "");
    });
    if (record.best >= passMark) form.closest(".quiz").classList.add("is-passed");
    show(submit, false);
    show(retry, record.attempts < allowed);
    announce(result, message);
    sendEvent({ type: "quiz.completed", course: form.dataset.course, module: form.dataset.module, quiz: form.dataset.quiz, score: score / 100 });
  });
  if (retry) retry.addEventListener("click", function () {
    draw();
    var first = active[0] && active[0].querySelector("input");
    if (first) first.focus();
  });
});
