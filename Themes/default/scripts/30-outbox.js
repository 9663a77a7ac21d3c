// The outbox: everything for the server waits here, on this device, until the server has it. Events go in
// batches; a research consent and each questionnaire response go one at a time, in the order they were made
// (so a consent always reaches the server before the answers that need it).
//
// An item leaves the outbox only when the server answers 2xx, or refuses it for good (a 4xx other than 408
// and 429: the site changed under it, or the answer was already given). When the server is busy (429, 503)
// or cannot be reached, everything stays and is sent again after Retry-After, on the next page, or when the
// connection returns. Each item keeps the id it was given when it was made, so a retry after a lost answer is
// recognised by the server and not stored twice.
//
// Items: an event as the API takes it ({id, type, course, …}); {kind: "consent", id, participant, version};
// {kind: "response", id, body}.
var apiBase = data.apiBase ? data.apiBase.replace(/\/$/, "") : "";
var retryAt = 0;
var flushing = false;
var retryTimer = null;
var whenSettled = { consent: [], response: [] };

// "Don't send anything from this device", on the privacy page, stops everything, even anonymous counts.
function sendingAllowed() {
  return !load("sendNothing", false);
}

function canSend() {
  return Boolean(apiBase && window.fetch && sendingAllowed());
}

function enqueue(item) {
  if (!canSend()) return false;
  // Read afresh: another tab may have added or sent items since this page loaded.
  var outbox = load("outbox", []);
  outbox.push(item);
  // A device offline for a long time keeps the newest items rather than filling its storage.
  save("outbox", outbox.slice(-500));
  flush();
  return true;
}

// An anonymous count; with research consent on record, the participant's random id goes with it.
function sendEvent(event) {
  event.id = uuid();
  var participant = enrolledParticipant();
  if (participant) event.participant = participant;
  var area = load("area", null);
  if (area) event.area = area;
  enqueue(event);
}

// Calls `listener(item, status, answer)` when the server has answered an item of this kind for good.
function onSettled(kind, listener) {
  whenSettled[kind].push(listener);
}

function post(path, payload) {
  return window.fetch(apiBase + path, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(payload),
    keepalive: true,
    credentials: "omit",
    referrerPolicy: "no-referrer"
  });
}

function flush() {
  if (flushing || now() < retryAt || !canSend()) return;
  var outbox = load("outbox", []);
  if (!outbox.length) return;
  var head = outbox[0];
  var batch, request;
  if (head.kind === "consent") {
    batch = [head];
    request = post("/consent", { participant: head.participant, version: head.version });
  } else if (head.kind === "response") {
    batch = [head];
    request = post("/responses", head.body);
  } else {
    batch = [];
    for (var i = 0; i < outbox.length && batch.length < 100 && !outbox[i].kind; i++) batch.push(outbox[i]);
    request = post("/events", { events: batch });
  }
  flushing = true;
  request.then(function (response) {
    var status = response.status;
    if ((status >= 200 && status < 300) || (status >= 400 && status < 500 && status !== 408 && status !== 429)) {
      var sent = {};
      batch.forEach(function (item) { sent[item.id] = true; });
      save("outbox", load("outbox", []).filter(function (item) { return !sent[item.id]; }));
      return response.json().catch(function () { return null; }).then(function (answer) {
        flushing = false;
        if (head.kind) whenSettled[head.kind].forEach(function (listener) { listener(head, status, answer); });
        flush();
      });
    }
    // Busy or unwell: wait as long as the server asks (or half a minute), keeping everything.
    later(1000 * (Number(response.headers.get("Retry-After")) || 30));
  }).catch(function () {
    // Offline or no API: everything stays for a later page, or for the connection's return.
    later(30000);
  });
}

function later(wait) {
  flushing = false;
  retryAt = now() + wait;
  clearTimeout(retryTimer);
  retryTimer = setTimeout(flush, wait);
}

window.addEventListener("online", function () { retryAt = 0; flush(); });
