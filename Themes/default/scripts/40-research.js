// Research consent, and where a participant is in each course's questionnaires.
//
// Nothing is sent with an id until the server has recorded the consent: "Yes" makes a random id and queues
// the consent; only when the server answers 200 is the id kept as the participant's. "No" is remembered, and
// the panel becomes one quiet line. Stopping forgets the id; deleting asks the server to erase everything
// held for it first. Kept under "research":
//   choice: "yes" | "no" | null, participant, version, since (when consent was recorded),
//   pending: {participant, version} while the consent waits in the outbox,
//   courses: {<course>: {measures: {before: [ids], after: [ids], "follow-up": [ids]},
//                        before|after|follow-up: {<measure>: "answered" | "skipped"}, beforeAt}}
function research() {
  var state = load("research", {});
  state.courses = state.courses || {};
  return state;
}

// The participant id that may go with what is sent, or null: consent recorded, to the wording on this site now.
function enrolledParticipant() {
  var state = research();
  return state.choice === "yes" && state.participant && state.version === data.consentVersion && sendingAllowed()
    ? state.participant : null;
}

function consentState() {
  var state = research();
  if (!sendingAllowed()) return "sending-off";
  if (enrolledParticipant()) return "enrolled";
  if (state.pending) return "pending";
  if (state.choice === "no") return "declined";
  return "ask";
}

function courseRecord(state, course) {
  var record = state.courses[course] = state.courses[course] || {};
  record.measures = record.measures || {};
  return record;
}

// When each occasion's questions are due for a course: the after and follow-up ones count from the before
// answers (or from consent, when all of those were skipped).
function dueTime(record, state, days) {
  var start = record.beforeAt || state.since || now();
  return start + Number(days) * DAY;
}

function markMeasure(course, occasion, measure, outcome) {
  var state = research();
  var record = courseRecord(state, course);
  record[occasion] = record[occasion] || {};
  if (record[occasion][measure] === "answered") return;
  record[occasion][measure] = outcome;
  if (occasion === "before" && outcome === "answered" && !record.beforeAt) record.beforeAt = now();
  save("research", state);
}

// The measures of an occasion not yet answered or skipped.
function pendingMeasures(record, occasion) {
  var done = record[occasion] || {};
  return (record.measures[occasion] || []).filter(function (id) { return !done[id]; });
}

function giveConsent() {
  var state = research();
  var participant = uuid();
  state.pending = { participant: participant, version: data.consentVersion };
  save("research", state);
  enqueue({ kind: "consent", id: uuid(), participant: participant, version: data.consentVersion });
}

onSettled("consent", function (item, status, answer) {
  var state = research();
  if (!state.pending || state.pending.participant !== item.participant) return;
  if (status === 200) {
    state.choice = "yes";
    state.participant = item.participant;
    state.version = item.version;
    state.since = now();
    state.pending = null;
    state.courses = {};
    save("research", state);
    renderResearch(text("consentSaved"));
  } else if (answer && answer.error && answer.error.code === "erased") {
    // This id was erased before (it cannot happen by chance, but the server says so): make a new one.
    giveConsent();
  } else {
    state.pending = null;
    save("research", state);
    renderResearch(text("consentFailed"));
  }
});

// Forgets the participant id and everything waiting to be sent with it.
function forgetParticipant(participant) {
  save("outbox", load("outbox", []).filter(function (item) {
    if (item.kind === "consent") return item.participant !== participant;
    if (item.kind === "response") return item.body.participant !== participant;
    if (item.participant === participant) delete item.participant;
    return true;
  }));
  save("research", { choice: "no", courses: {} });
}

function stopTakingPart(status) {
  var state = research();
  if (state.participant) forgetParticipant(state.participant);
  renderResearch(text("stoppedTakingPart"), status);
}

function deleteAnswers(status) {
  var state = research();
  var participant = state.participant;
  if (!participant || !window.fetch || !apiBase) return;
  if (!window.confirm(text("confirmDelete"))) return;
  window.fetch(apiBase + "/participants/" + encodeURIComponent(participant), {
    method: "DELETE", credentials: "omit", referrerPolicy: "no-referrer"
  }).then(function (response) {
    if (!response.ok) throw new Error("status " + response.status);
    return response.json();
  }).then(function (erased) {
    forgetParticipant(participant);
    renderResearch(text("deleted") + ": " + erased.responses + " " + text("deletedResponses") + ", " + erased.events + " " +
                   text("deletedEvents") + ", " + erased.consents + " " + text("deletedConsents") + ". " + text("forgotten"), status);
  }).catch(function () {
    announce(status, text("deleteFailed"));
  });
}

// Shows each research panel (course page, end of course, questionnaire pages) as the state now is, and the
// Stop and Delete controls wherever they appear; `message` is announced in the first panel's status line.
function renderResearch(message, region) {
  var state = research();
  var current = consentState();
  all("[data-research]").forEach(function (panel) {
    all("[data-state]", panel).forEach(function (part) { show(part, part.dataset.state === current); });
    if (current === "enrolled" && data.course) renderDue(panel, state);
  });
  all("[data-research-controls]").forEach(function (controls) { show(controls, current === "enrolled"); });
  if (message) announce(region || document.querySelector("[data-research-status]") || document.querySelector("[data-device-status]"), message);
}

// Within an enrolled panel: which questions are due now (with a link to the first), and when later ones will be.
function renderDue(panel, state) {
  var course = data.course;
  var record = courseRecord(state, course);
  var links = {};
  ["before", "after", "follow-up"].forEach(function (occasion) {
    var list = panel.querySelector('[data-measures="' + occasion + '"]');
    record.measures[occasion] = list ? all("[data-measure]", list).map(function (a) { links[occasion + ":" + a.dataset.measure] = a.getAttribute("href"); return a.dataset.measure; }) : [];
  });
  record.dueAfterDays = panel.dataset.afterDays;
  save("research", state);
  var days = { after: panel.dataset.afterDays, "follow-up": panel.dataset.followUpDays };
  var beforeLeft = pendingMeasures(record, "before");
  ["before", "after", "follow-up"].forEach(function (occasion) {
    var due = panel.querySelector('[data-due="' + occasion + '"]');
    var later = panel.querySelector('[data-later="' + occasion + '"]');
    var left = pendingMeasures(record, occasion);
    var from = occasion === "before" ? 0 : days[occasion] ? dueTime(record, state, days[occasion]) : Infinity;
    // The after questions wait for the before ones (answered or skipped) and for enough time to have passed.
    var isDue = left.length > 0 && (occasion === "before" || (beforeLeft.length === 0 && now() >= from));
    show(due, isDue);
    if (isDue && due) due.querySelector("[data-due-link]").href = links[occasion + ":" + left[0]];
    var waiting = !isDue && left.length > 0 && from !== Infinity && data.kind === "course-end";
    show(later, waiting);
    if (waiting && later) later.querySelector("[data-date]").textContent = dateText(from);
  });
  // Module 1 starts with the before questions while any are left.
  var first = document.querySelector("[data-module-link]");
  if (first && beforeLeft.length) first.href = links["before:" + beforeLeft[0]];
}

all("[data-research]").forEach(function (panel) {
  panel.addEventListener("click", function (event) {
    var button = event.target.closest("[data-consent]");
    if (!button) return;
    var state = research();
    if (button.dataset.consent === "yes") {
      giveConsent();
      renderResearch();
    } else if (button.dataset.consent === "no") {
      state.choice = "no";
      save("research", state);
      renderResearch(text("noThanksSaved"));
    } else {
      state.choice = null;
      save("research", state);
      renderResearch();
      var yes = panel.querySelector('[data-consent="yes"]');
      if (yes) yes.focus();
    }
  });
});

all("[data-stop-taking-part]").forEach(function (button) {
  button.addEventListener("click", function () { stopTakingPart(statusNear(button)); });
});
all("[data-delete-answers]").forEach(function (button) {
  button.addEventListener("click", function () { deleteAnswers(statusNear(button)); });
});

function statusNear(element) {
  var container = element.closest("[data-research], [data-device-controls]");
  return container && container.querySelector("[data-research-status], [data-device-status]");
}

// Home page: a reminder on each course whose after questions are due.
all("[data-reminder]").forEach(function (reminder) {
  var course = reminder.closest("[data-course-card]").dataset.courseCard;
  var state = research();
  var record = state.courses[course];
  if (!enrolledParticipant() || !record || !record.measures || !record.dueAfterDays) return;
  var due = pendingMeasures(record, "before").length === 0 && pendingMeasures(record, "after").length > 0 &&
            now() >= dueTime(record, state, record.dueAfterDays);
  show(reminder, due);
});

renderResearch();
