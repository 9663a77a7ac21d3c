"""What the browser checks share: a built site, `hearth serve` on a fresh database, headless Chromium at a
given screen size, and the PASS/FAIL lines that end in "browser checks: N passed, M failed"."""
import pathlib
import re
import socket
import subprocess
import tempfile
import time

REPOSITORY = pathlib.Path(__file__).resolve().parents[2]
results = []


def check(name, ok, detail=""):
    results.append(bool(ok))
    print(("PASS " if ok else "FAIL ") + name + ("" if ok or not detail else "\n     " + str(detail).replace("\n", "\n     ")), flush=True)
    return ok


def summary_line():
    failed = results.count(False)
    return "browser checks: %d passed, %d failed" % (len(results) - failed, failed)


def build_site(hearth, theme="Themes/default"):
    """Builds Content/ with a theme of the repository into a temporary folder; returns its path, or None (a failure is
    reported). A build that warns (an asset nothing uses, say) fails too: the repository's themes are kept clean."""
    site = pathlib.Path(tempfile.mkdtemp()) / "site"
    build = subprocess.run([hearth, "build", "--content", str(REPOSITORY / "Content"),
                            "--theme", str(REPOSITORY / theme), "--out", str(site)],
                           capture_output=True, text=True)
    clean = build.returncode == 0 and "warning:" not in build.stderr
    return site if check("hearth build succeeds with %s, without warnings" % theme, clean, build.stderr) else None


class Server:
    """`hearth serve` for one site on a fresh database (or a given one, to start again after a stop)."""

    def __init__(self, hearth, site, database=None, port=0, theme="Themes/default"):
        self.hearth, self.site, self.theme = hearth, site, theme
        self.work = pathlib.Path(tempfile.mkdtemp())
        self.database = database or self.work / "hearth.sqlite"
        self.port = port or free_port()
        self.process = None
        self.base = None

    def start(self):
        log_path = self.work / ("serve-%d.log" % time.monotonic_ns())
        log = open(log_path, "w+")
        self.process = subprocess.Popen([self.hearth, "serve", "--site", str(self.site), "--content", str(REPOSITORY / "Content"),
                                         "--theme", str(REPOSITORY / self.theme), "--db", str(self.database),
                                         "--port", str(self.port)], cwd=str(REPOSITORY), stdout=log, stderr=subprocess.STDOUT)
        for _ in range(600):
            found = re.search(r"at (http://127\.0\.0\.1:\d+/)", log_path.read_text())
            if found:
                self.base = found.group(1)
                return self
            if self.process.poll() is not None:
                break
            time.sleep(0.1)
        raise RuntimeError("hearth serve did not start: " + log_path.read_text()[-2000:])

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def chromium(width=1280, height=900, mobile=False, logs=False):
    """Headless Chromium with a fresh profile, its viewport set to exactly width × height CSS pixels; with `logs`, the
    browser's console and its performance (network) log can be read with get_log("browser") and get_log("performance")."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=%d,%d" % (width, height)):
        options.add_argument(flag)
    options.binary_location = "/usr/bin/chromium"
    if logs:
        options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})
    return driver


def axe_violations(driver):
    """axe-core's violations on the page as it is now, as one line each (empty when clean)."""
    from axe_selenium_python import Axe
    axe = Axe(driver)
    axe.inject()
    return ["%s (%s): %s" % (v["id"], v["impact"], v["nodes"][0]["target"]) for v in axe.run()["violations"]]
