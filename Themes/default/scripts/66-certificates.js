// The certificate page and the verify page.
//
// Certificate: the server issues a code once it has recorded a pass of every assessed quiz of the course (it keeps
// only a hash of the code, the course and the day). The learner types their name, which stays in this page: it is
// neither sent nor kept. The card prints on one A4 page (the print styles leave out everything else).
//   certificate:<course>: {code, title, issued, issuedWritten}   (so a reload shows the same code, not a new one)
//
// Verify: a manager types a code (or follows ?code=) and sees what the server says about it.
function certificatePageScript(certificatePage) {
  var sayCertificate = wordsOf(certificatePage);
  var certificateStatus = certificatePage.querySelector(".certificate-page__status");
  var nameForm = certificatePage.querySelector(".certificate-page__name");
  var nameInput = nameForm.querySelector("input");
  var card = certificatePage.querySelector(".certificate-page__card");
  var courses = all("[data-certificate-course]", certificatePage);
  var wanted = new URLSearchParams(window.location.search).get("course") || (courses.length === 1 ? courses[0].dataset.certificateCourse : "");
  var course = courses.filter(function (item) { return item.dataset.certificateCourse === wanted; })[0];

  var field = function (name, value) {
    card.querySelector("[data-field='" + name + "']").textContent = value;
  };
  var showCertificate = function (certificate) {
    field("title", certificate.title);
    field("issued", certificate.issuedWritten);
    field("code", certificate.code);
    field("verify", new URL(certificatePage.dataset.verify, window.location.href).href.replace(/index\.html$/, ""));
    show(nameForm, true);
    show(card, true);
    certificateStatus.textContent = "";
  };
  var courseLink = function () {
    var link = document.createElement("a");
    link.href = course.querySelector("a").getAttribute("href");
    link.textContent = course.textContent;
    certificateStatus.appendChild(document.createTextNode(" "));
    certificateStatus.appendChild(link);
  };

  nameInput.addEventListener("input", function () {
    var name = nameInput.value.trim();
    field("name", name);
    show(card.querySelector("[data-name-line]"), !name);
  });
  certificatePage.querySelector("[data-print]").addEventListener("click", function () { window.print(); });
  nameForm.addEventListener("submit", function (event) { event.preventDefault(); });

  if (!course) {
    certificateStatus.textContent = sayCertificate("noCourse");
    show(certificatePage.querySelector(".certificate-page__courses"), true);
  } else if (load("certificate:" + wanted, null)) {
    showCertificate(load("certificate:" + wanted, null));
  } else if (!load("learner", null)) {
    certificateStatus.textContent = sayCertificate("noLearner");
    courseLink();
  } else {
    askServer("POST", certificatePage.dataset.issue, { learner: load("learner", null), course: wanted }).then(function (answer) {
      if (answer.status === 201) {
        save("certificate:" + wanted, answer.body);
        showCertificate(answer.body);
        return;
      }
      var error = answer.body && answer.body.error;
      certificateStatus.textContent = error && error.code === "not_passed" ? sayCertificate("notPassed") : (error && error.message) || sayCertificate("cannotReach");
      courseLink();
    }).catch(function () { certificateStatus.textContent = sayCertificate("cannotReach"); });
  }
}

function verifyPageScript(verifyPage) {
  var sayVerify = wordsOf(verifyPage);
  var verifyForm = verifyPage.querySelector("[data-verify-form]");
  var codeInput = verifyForm.querySelector("input[name=code]");
  var verdict = verifyPage.querySelector(".verify__result");

  var tell = function (outcome, strong, rest) {
    verdict.className = "verify__result verify__result--" + outcome;
    verdict.textContent = "";
    var words = document.createElement("strong");
    words.textContent = strong;
    verdict.appendChild(words);
    if (rest) verdict.appendChild(document.createTextNode(" " + rest));
    announce(verdict, verdict.textContent);
  };
  var check = function (code) {
    code = code.trim();
    if (!code) return;
    askServer("GET", verifyPage.dataset.lookup + encodeURIComponent(code)).then(function (answer) {
      var found = answer.body;
      if (answer.status === 200 && found.status === "valid") {
        tell("valid", sayVerify("valid") + ":", found.title + ", " + sayVerify("issued") + " " + found.issuedWritten);
      } else if (answer.status === 200) {
        tell("withdrawn", sayVerify("withdrawn") + " " + dayText(found.withdrawn) + ".", found.title + ", " + sayVerify("issued") + " " + found.issuedWritten);
      } else if (answer.status === 404) {
        tell("not-found", sayVerify("notFound"));
      } else if (answer.status === 400) {
        tell("invalid", sayVerify("invalid"));
      } else if (answer.status === 429) {
        tell("too-many", sayVerify("tooMany"));
      } else {
        tell("unreachable", sayVerify("cannotReach"));
      }
    }).catch(function () { tell("unreachable", sayVerify("cannotReach")); });
  };

  verifyForm.addEventListener("submit", function (event) {
    event.preventDefault();
    // The address keeps the code, so the answer can be checked again or shared.
    if (window.history && window.history.replaceState) window.history.replaceState(null, "", "?code=" + encodeURIComponent(codeInput.value.trim()));
    check(codeInput.value);
  });
  var typed = new URLSearchParams(window.location.search).get("code");
  if (typed) {
    codeInput.value = typed;
    check(typed);
  }
}

all("[data-certificate-page]").forEach(certificatePageScript);
all("[data-verify-page]").forEach(verifyPageScript);
