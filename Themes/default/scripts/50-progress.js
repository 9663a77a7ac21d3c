// Progress, kept on this device only: the pages seen in each module, where the person got to, and which
// courses they started and finished. The matching anonymous counts go through the outbox.
//   progress: {"<course>/<module>": {pages: [numbers], done, last}, "last:<course>": "<module>/<file>",
//              "started:<course>": true, "completed:<course>": true}
var progress = load("progress", {});

function saveProgress() {
  save("progress", progress);
}

function moduleDone(course, module) {
  var entry = progress[course + "/" + module];
  return Boolean(entry && entry.done);
}

// Sends course.completed once, the first time a page sees every module of the course done.
function checkCourseCompleted(course, modules) {
  if (!modules.length || progress["completed:" + course]) return;
  if (modules.every(function (module) { return moduleDone(course, module); })) {
    progress["completed:" + course] = true;
    saveProgress();
    sendEvent({ type: "course.completed", course: course });
  }
}

if (data.kind === "module-page" && data.course && data.module) {
  var moduleKey = data.course + "/" + data.module;
  var seen = progress[moduleKey] || { pages: [], done: false };
  if (!progress["started:" + data.course]) {
    progress["started:" + data.course] = true;
    sendEvent({ type: "course.started", course: data.course });
  }
  if (seen.pages.length === 0) sendEvent({ type: "module.started", course: data.course, module: data.module });
  var pageNumber = Number(data.page);
  if (seen.pages.indexOf(pageNumber) < 0) seen.pages.push(pageNumber);
  if (!seen.done && seen.pages.length >= Number(data.modulePages)) {
    seen.done = true;
    sendEvent({ type: "module.completed", course: data.course, module: data.module });
  }
  seen.last = window.location.pathname.split("/").pop() || "index.html";
  progress[moduleKey] = seen;
  progress["last:" + data.course] = data.module + "/" + seen.last;
  saveProgress();
}

if (data.kind === "course" && data.course) {
  var cards = all("[data-module-card]");
  cards.forEach(function (card) {
    if (moduleDone(data.course, card.dataset.moduleCard)) {
      card.classList.add("is-done");
      show(card.querySelector(".done-badge"), true);
    }
  });
  var moduleIDs = cards.map(function (card) { return card.dataset.moduleCard; });
  checkCourseCompleted(data.course, moduleIDs);
  var finished = moduleIDs.length && moduleIDs.every(function (module) { return moduleDone(data.course, module); });
  var last = progress["last:" + data.course];
  var resume = document.querySelector("[data-resume]");
  if (last && resume && !finished) {
    resume.querySelector("a").href = last;
    show(resume, true);
  }
  show(document.querySelector("[data-course-finished]"), finished);
}

if (data.kind === "course-end" && data.course) {
  checkCourseCompleted(data.course, all("[data-module-id]").map(function (item) { return item.dataset.moduleId; }));
}

// Home page: "Carry on" on each course started and not finished, to the page the person last read.
all("[data-carry-on]").forEach(function (carryOn) {
  var card = carryOn.closest("[data-course-card]");
  var course = card.dataset.courseCard;
  var last = progress["last:" + course];
  if (!last || progress["completed:" + course]) return;
  var link = carryOn.querySelector("a");
  link.href = card.dataset.courseUrl.replace(/index\.html$/, "") + last;
  show(carryOn, true);
});

// Privacy page: "Clear my progress on this device" removes everything Hearth keeps here, as the privacy page
// says: pages read, quiz scores, the research choice and code (so nothing more is sent with it), and anything
// waiting to be sent. Only the "send nothing" switch stays, so clearing never turns sending back on.
all("[data-clear-progress]").forEach(function (button) {
  button.addEventListener("click", function () {
    storedKeys().forEach(function (key) { if (key !== "sendNothing") forget(key); });
    progress = {};
    renderResearch(text("progressCleared"), document.querySelector("[data-device-status]"));
  });
});

// Privacy page: "Don't send anything from this device" (and turning sending back on).
function renderSending() {
  var off = !sendingAllowed();
  all("[data-sending-on]").forEach(function (element) { show(element, !off); });
  all("[data-sending-off]").forEach(function (element) { show(element, off); });
  all("[data-send-nothing]").forEach(function (element) { show(element, !off); });
  all("[data-send-again]").forEach(function (element) { show(element, off); });
}
all("[data-send-nothing]").forEach(function (button) {
  button.addEventListener("click", function () {
    save("sendNothing", true);
    forget("outbox");
    renderSending();
    renderResearch(text("sendingStopped"), document.querySelector("[data-device-status]"));
  });
});
all("[data-send-again]").forEach(function (button) {
  button.addEventListener("click", function () {
    forget("sendNothing");
    renderSending();
    renderResearch(text("sendingRestarted"), document.querySelector("[data-device-status]"));
  });
});
renderSending();
