// Search: every word typed must appear; pages whose title matches come first. The query lives in the
// address (search.html?q=…), so Enter or a phone's Go key keeps it and its results, and a link to a search works.
var search = document.getElementById("search-input");
if (search && window.fetch) {
  var results = document.querySelector(".search-results");
  var count = document.querySelector(".search-count");
  var index = null;

  var run = function () {
    var words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    results.textContent = "";
    count.textContent = "";
    if (!index || !words.length) return;
    var found = index.map(function (entry, position) {
      var title = entry.title.toLowerCase();
      var hay = title + " " + (entry.summary + " " + entry.text).toLowerCase();
      if (!words.every(function (w) { return hay.indexOf(w) >= 0; })) return null;
      // Title matches first: every word in the title, then some, then none; the index's order within each.
      var inTitle = words.filter(function (w) { return title.indexOf(w) >= 0; }).length;
      return { entry: entry, rank: inTitle === words.length ? 2 : inTitle ? 1 : 0, position: position };
    }).filter(Boolean).sort(function (a, b) { return b.rank - a.rank || a.position - b.position; }).slice(0, 30);
    count.textContent = found.length ? found.length + " " + text("results") : text("noResults");
    found.forEach(function (match) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = (data.root || "") + match.entry.url;
      a.textContent = match.entry.title;
      li.appendChild(a);
      if (match.entry.summary) { var p = document.createElement("p"); p.textContent = match.entry.summary; li.appendChild(p); }
      results.appendChild(li);
    });
  };

  var query = new URLSearchParams(window.location.search).get("q");
  if (query) search.value = query;
  window.fetch(search.dataset.searchIndex).then(function (r) { return r.json(); }).then(function (entries) { index = entries; run(); });
  search.addEventListener("input", run);
  search.form.addEventListener("submit", function (event) {
    event.preventDefault();
    window.history.replaceState(null, "", "?q=" + encodeURIComponent(search.value));
    run();
  });
}
