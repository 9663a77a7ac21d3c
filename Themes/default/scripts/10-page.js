// The page and this device, shared by every part after this one: the page's settings (the <body>'s data-*
// attributes), the theme's words, one clock, and small things kept in this browser's storage, never anywhere else.
var html = document.documentElement;
html.classList.remove("no-js");
html.classList.add("js");

var body = document.body;
var data = body ? body.dataset : {};
var storage = openStorage();

function openStorage() {
  try {
    var probe = "__hearth";
    window.localStorage.setItem(probe, probe);
    window.localStorage.removeItem(probe);
    return window.localStorage;
  } catch (e) {
    return null; // private browsing or storage turned off: the site still reads, it just remembers nothing
  }
}

function load(key, fallback) {
  if (!storage) return fallback;
  try { return JSON.parse(storage.getItem("hearth:" + key)) || fallback; } catch (e) { return fallback; }
}

function save(key, value) {
  if (storage) { try { storage.setItem("hearth:" + key, JSON.stringify(value)); } catch (e) { /* storage full: a nicety lost */ } }
}

function forget(key) {
  if (storage) storage.removeItem("hearth:" + key);
}

// Every key this site keeps, without the "hearth:" prefix.
function storedKeys() {
  var keys = [];
  if (!storage) return keys;
  for (var i = 0; i < storage.length; i++) {
    var key = storage.key(i);
    if (key && key.indexOf("hearth:") === 0) keys.push(key.slice(7));
  }
  return keys;
}

// One clock for the whole script (the browser tests move it forward to reach the after-questionnaires).
function now() { return Date.now(); }

var DAY = 24 * 60 * 60 * 1000;

// A date as people write it here, e.g. "14 January".
function dateText(time) {
  try {
    return new Date(time).toLocaleDateString(html.lang || undefined, { day: "numeric", month: "long", year: "numeric" });
  } catch (e) {
    return new Date(time).toDateString();
  }
}

// Interface words: from the page's data-text-* attributes (the theme's strings file), else these English ones.
function text(key) {
  var english = {
    noAttemptsLeft: "You have used all your attempts.",
    answerEveryQuestion: "Please answer every question first.",
    yourScore: "Your score",
    outOf: "out of",
    passed: "You passed.",
    notPassed: "Not passed yet.",
    passedBefore: "You passed this quiz before.",
    scoredBefore: "Your best score so far",
    attemptsLeft: "Attempts left",
    right: "Right",
    notRight: "Not quite",
    betterChoice: "More helpful",
    lessHelpful: "Less helpful",
    saved: "Saved. Thank you.",
    savedHere: "Your answers stay on this device.",
    sentLater: "They will be sent when you are back online.",
    noResults: "Nothing matched. Try a shorter or different word.",
    results: "results"
  };
  var attribute = "data-text-" + key.replace(/[A-Z]/g, function (c) { return "-" + c.toLowerCase(); });
  return (body && body.getAttribute(attribute)) || english[key] || "";
}

function uuid() {
  if (window.crypto && window.crypto.randomUUID) return window.crypto.randomUUID();
  var bytes = new Uint8Array(16);
  window.crypto.getRandomValues(bytes);
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  var hex = Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join("");
  return hex.slice(0, 8) + "-" + hex.slice(8, 12) + "-" + hex.slice(12, 16) + "-" + hex.slice(16, 20) + "-" + hex.slice(20);
}

function all(selector, within) {
  return Array.prototype.slice.call((within || document).querySelectorAll(selector));
}

function show(element, visible) {
  if (element) element.hidden = !visible;
}

// Puts a message in a live region and moves focus there, so it is both seen and heard.
function announce(region, message) {
  if (!region) return;
  region.textContent = message;
  if (!region.hasAttribute("tabindex")) region.setAttribute("tabindex", "-1");
  region.focus();
}
