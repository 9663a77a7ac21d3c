// Quick exit. The link works without script; with it, this page is also replaced in the history (so Back does
// not return here), and pressing Shift three times, as on GOV.UK's "Exit this page", or Esc three times, leaves.
var exitLink = document.querySelector(".quick-exit__link");

function leave(event) {
  if (event) event.preventDefault();
  window.location.replace(exitLink.href);
}

if (exitLink) {
  exitLink.addEventListener("click", leave);
  var presses = { key: "", times: [] };
  document.addEventListener("keydown", function (event) {
    // Only the key on its own counts: Shift held for a capital letter is typing, not a signal.
    if ((event.key !== "Shift" && event.key !== "Escape") || event.repeat) {
      presses = { key: "", times: [] };
      return;
    }
    var time = now();
    if (presses.key !== event.key) presses = { key: event.key, times: [] };
    presses.times = presses.times.filter(function (t) { return time - t < 5000; });
    presses.times.push(time);
    if (presses.times.length >= 3) leave();
  });
  // The sticky bar must never cover what has focus or the target of a link: scroll padding follows its height.
  var bar = document.querySelector(".quick-exit");
  var fit = function () { html.style.setProperty("--quick-exit-height", bar.offsetHeight + "px"); };
  fit();
  window.addEventListener("resize", fit);
}
