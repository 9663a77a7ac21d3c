// Offline: the service worker (sw.js at the site's root, written by the build) keeps the theme's files and
// every page of a course once the course is opened. Not over file://, where there is nothing to register.
if ("serviceWorker" in navigator && data.serviceWorker && window.location.protocol !== "file:") {
  navigator.serviceWorker.register(data.serviceWorker).catch(function () { /* the site works without it */ });
  // A page of a course asks for the whole course to be saved (the worker does it once per build).
  if (data.course) {
    navigator.serviceWorker.ready.then(function (registration) {
      if (registration.active) registration.active.postMessage({ saveCourse: data.course });
    });
  }
}

// Anything left in the outbox from an earlier page goes now, once every part above is ready.
flush();
