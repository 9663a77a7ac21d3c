// The researchers' dashboard (research/index.html only): the token a researcher types, the report fetched
// from the API and put in the page, and the exports saved as files.
// Keeps the token in sessionStorage ("hearth:research-token"), so it lasts for this tab only. It is sent only in
// the Authorization header: never in a web address (exports are fetched, then saved from a blob: link), and never
// in localStorage.
var dashboardRoot = document.querySelector("[data-dashboard]");
if (dashboardRoot && window.fetch && window.URL && window.Blob) startDashboard(dashboardRoot);

function startDashboard(root) {
  var TOKEN_KEY = "hearth:research-token";
  var tokenForm = root.querySelector("[data-dashboard-token-form]");
  var tokenInput = document.getElementById("dashboard-token");
  var held = root.querySelector("[data-dashboard-token-held]");
  var withToken = root.querySelector("[data-dashboard-with-token]");
  var query = root.querySelector("[data-dashboard-query]");
  var status = root.querySelector("[data-dashboard-status]");
  var report = root.querySelector("[data-dashboard-report]");
  var year = document.getElementById("dashboard-year");
  var area = document.getElementById("dashboard-area");
  // A number for each request, so an answer that arrives after a newer request (or after Forget) is dropped.
  var latest = 0;

  function words(key) {
    return root.getAttribute("data-text-" + key) || "";
  }

  var session = null;
  try { session = window.sessionStorage; } catch (e) { session = null; }
  var memory = null; // where the token lives when this tab has no session storage: only as long as the page
  function token() { return session ? session.getItem(TOKEN_KEY) : memory; }
  function keep(value) {
    if (session) { try { session.setItem(TOKEN_KEY, value); return; } catch (e) { /* full: keep it in the page */ } }
    memory = value;
  }
  function drop() {
    if (session) session.removeItem(TOKEN_KEY);
    memory = null;
  }

  // This year, as the API's own default: each table is a whole calendar year.
  year.value = String(new Date(now()).getFullYear());
  year.max = year.value;

  function showHeld(isHeld) {
    show(tokenForm, !isHeld);
    show(held, isHeld);
    show(withToken, isHeld);
  }

  function parameters(withYear) {
    var list = [];
    if (withYear) list.push("year=" + encodeURIComponent(year.value));
    if (area.value) list.push("area=" + encodeURIComponent(area.value));
    return list.length ? "?" + list.join("&") : "";
  }

  // The API's answer, or a sentence that says what went wrong, in the researcher's words rather than a code.
  function request(url) {
    return window.fetch(url, { headers: { "Authorization": "Bearer " + token() }, credentials: "omit", cache: "no-store", referrerPolicy: "no-referrer" })
      .then(function (response) {
        if (response.ok) return response;
        return response.json().catch(function () { return {}; }).then(function (body) {
          var code = body && body.error ? body.error.code : "";
          var problem = new Error(code);
          problem.status = response.status;
          problem.code = code;
          problem.retryAfter = response.headers.get("Retry-After");
          throw problem;
        });
      }, function () {
        var problem = new Error("unreachable");
        problem.status = 0;
        throw problem;
      });
  }

  function explain(problem) {
    if (problem.status === 0) return words("unreachable");
    if (problem.status === 401) {
      // A token the server refuses is of no use in this tab: ask for it again.
      drop();
      showHeld(false);
      report.textContent = "";
      return words("token-refused");
    }
    if (problem.status === 403 && problem.code === "area_not_granted") return words("area-refused");
    if (problem.status === 403 && problem.code === "rows_scope_needed") return words("rows-refused");
    if (problem.status === 429) return words("too-many") + " " + (problem.retryAfter || "60") + " " + words("seconds") + ".";
    if (problem.status === 400) return words("year-refused");
    return words("server-failed") + " " + problem.status + ".";
  }

  function showReport() {
    if (!token()) return;
    if (!query.reportValidity()) return;
    var number = ++latest;
    status.textContent = words("loading");
    request(root.getAttribute("data-report") + parameters(true))
      .then(function (response) { return response.text(); })
      .then(function (fragment) {
        if (number !== latest) return;
        // The API's fragment is parsed, not run: nothing in it can execute, and the page's CSP allows no inline script.
        var parsed = new DOMParser().parseFromString(fragment, "text/html");
        report.textContent = "";
        Array.prototype.slice.call(parsed.body.childNodes).forEach(function (node) {
          report.appendChild(document.importNode(node, true));
        });
        announce(status, words("shown"));
      }, function (problem) {
        if (number !== latest) return;
        report.textContent = "";
        announce(status, explain(problem));
      });
  }

  function download(file) {
    if (!token()) return;
    status.textContent = words("downloading") + " " + file + "…";
    request(root.getAttribute("data-exports") + file + parameters(false))
      .then(function (response) { return response.blob(); })
      .then(function (blob) {
        if (!token()) return; // forgotten meanwhile
        // Saved from a blob: address made in this page, so the file never needs the token in a URL.
        var link = document.createElement("a");
        link.href = window.URL.createObjectURL(blob);
        link.download = file;
        link.hidden = true;
        document.body.appendChild(link);
        link.click();
        window.setTimeout(function () { window.URL.revokeObjectURL(link.href); link.remove(); }, 1000);
        announce(status, words("downloaded") + " " + file + ".");
      }, function (problem) {
        announce(status, explain(problem));
      });
  }

  tokenForm.addEventListener("submit", function (event) {
    event.preventDefault();
    var typed = tokenInput.value.trim();
    if (!typed) { announce(status, words("token-needed")); tokenInput.focus(); return; }
    keep(typed);
    tokenInput.value = "";
    showHeld(true);
    showReport();
  });

  root.querySelector("[data-dashboard-forget]").addEventListener("click", function () {
    latest++;
    drop();
    tokenInput.value = "";
    report.textContent = "";
    showHeld(false);
    announce(status, words("forgotten"));
  });

  query.addEventListener("submit", function (event) {
    event.preventDefault();
    showReport();
  });

  all("[data-download]", root).forEach(function (button) {
    button.addEventListener("click", function () { download(button.getAttribute("data-download")); });
  });

  showHeld(!!token());
  if (token()) showReport();
}
