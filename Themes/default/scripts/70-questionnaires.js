// Questionnaires. On its own page a questionnaire is a private self-check: the score and any signposts
// show on this device and nothing is sent. Inside a course (a page with data-occasion), a participant's
// answers go to the server through the outbox, with the course and the occasion the page stands for; the
// person never picks the occasion. After questions open only once enough days have passed since the
// before ones; "Skip this" is remembered so a skipped questionnaire is not offered again for that course.
function answersOf(form) {
  var answers = {};
  all(".measure__item", form).forEach(function (item) {
    var chosen = item.querySelector("input:checked");
    if (chosen) answers[item.dataset.item] = Number(chosen.value);
  });
  return answers;
}

// The score of `ids` (reverse-scored where listed), summed or averaged; null if any is unanswered.
function scoreOf(answers, ids, reversed, scoring, low, high) {
  var scores = [];
  for (var i = 0; i < ids.length; i++) {
    if (!(ids[i] in answers)) return null;
    scores.push(reversed.indexOf(ids[i]) >= 0 ? low + high - answers[ids[i]] : answers[ids[i]]);
  }
  var total = scores.reduce(function (a, b) { return a + b; }, 0);
  return scoring === "mean" ? total / scores.length : total;
}

// Shows the signposts whose thresholds the answers reach, with a link to "Get help now"; returns how many.
function showSignposts(form, answers, result) {
  var shown = 0;
  all(".signpost", form).forEach(function (signpost) {
    var score = scoreOf(answers, signpost.dataset.items.split(" ").filter(Boolean), signpost.dataset.reversed.split(" "),
                        signpost.dataset.scoring, Number(signpost.dataset.scaleMin), Number(signpost.dataset.scaleMax));
    if (score === null) return;
    var reached = ("min" in signpost.dataset && score >= Number(signpost.dataset.min)) ||
                  ("max" in signpost.dataset && score <= Number(signpost.dataset.max));
    if (!reached) return;
    var message = document.createElement("p");
    message.className = "signpost-message";
    message.textContent = signpost.textContent;
    result.appendChild(message);
    shown += 1;
  });
  var help = form.querySelector(".measure__help");
  if (help && shown) result.appendChild(help.cloneNode(true)).hidden = false;
  return shown;
}

// "Your score: 7 out of 12 (Moderate)" for a questionnaire with a total.
function totalLine(form, answers) {
  if (!form.dataset.totalMax) return "";
  var ids = all(".measure__item", form).map(function (item) { return item.dataset.item; });
  var score = scoreOf(answers, ids, (form.dataset.reversed || "").split(" "), form.dataset.scoring,
                      Number(form.dataset.scaleMin), Number(form.dataset.scaleMax));
  if (score === null) return "";
  var line = text("yourScore") + ": " + (Math.round(score * 10) / 10) + " " + text("outOf") + " " + form.dataset.totalMax;
  all("[data-band-min]", form).forEach(function (band) {
    if (score >= Number(band.dataset.bandMin) && score <= Number(band.dataset.bandMax)) line += " (" + band.textContent + ")";
  });
  return line + ".";
}

all("form.measure").forEach(function (form) {
  var measure = form.dataset.measure;
  var occasion = data.occasion;
  var course = data.course;
  var result = form.querySelector(".measure__result");
  var next = document.querySelector("[data-next-link]");
  var participant = occasion ? enrolledParticipant() : null;
  var state = research();
  var record = course ? courseRecord(state, course) : {};
  var answered = participant && record[occasion] && record[occasion][measure] === "answered";

  function becomeNext() {
    if (!next) return;
    next.textContent = document.querySelector("[data-next-text]").textContent;
    next.classList.remove("button--secondary");
    delete next.dataset.skip;
  }

  if (occasion) {
    // Not taking part: a self-check like any other, and nothing leaves the device.
    show(document.querySelector("[data-not-taking-part]"), !participant);
    if (participant && answered) {
      show(document.querySelector("[data-already-answered]"), true);
      form.hidden = true;
      becomeNext();
    } else if (participant && occasion !== "before") {
      var panel = document.querySelector("[data-schedule]");
      var days = panel && (occasion === "after" ? panel.dataset.afterDays : panel.dataset.followUpDays);
      var from = dueTime(record, state, days || 0);
      if (now() < from) {
        var notDue = document.querySelector("[data-not-due]");
        notDue.querySelector("[data-date]").textContent = dateText(from);
        show(notDue, true);
        form.hidden = true;
      }
    }
    if (next) next.addEventListener("click", function () {
      if (participant && next.dataset.skip !== undefined) markMeasure(course, occasion, measure, "skipped");
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var answers = answersOf(form);
    var items = all(".measure__item", form);
    var missing = items.filter(function (item) { return !(item.dataset.item in answers); });
    if (missing.length) {
      announce(result, text("answerEveryQuestion"));
      missing[0].querySelector("input").focus();
      return;
    }
    var lines = [];
    var sending = participant && !form.hidden;
    if (sending) {
      var id = uuid();
      var response = { id: id, measure: measure, occasion: occasion, course: course, participant: participant, answers: answers };
      var area = load("area", null);
      if (area) response.area = area;
      enqueue({ kind: "response", id: id, body: response });
      markMeasure(course, occasion, measure, "answered");
      lines.push(text("saved") + (navigator.onLine === false ? " " + text("sentLater") : ""));
    } else {
      lines.push(text("savedHere"));
      var total = totalLine(form, answers);
      if (total) lines.push(total);
    }
    result.textContent = "";
    lines.forEach(function (line) {
      var p = document.createElement("p");
      p.textContent = line;
      result.appendChild(p);
    });
    showSignposts(form, answers, result);
    all("input, button[type=submit]", form).forEach(function (input) { input.disabled = Boolean(sending); });
    becomeNext();
    result.setAttribute("tabindex", "-1");
    result.focus();
  });
});
