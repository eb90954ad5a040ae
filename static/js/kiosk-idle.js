/* After the idle time with no request to the server, post the tablet's reset form.
   Each page load and each autosave counts as activity, as on the server. */
(function () {
  "use strict";

  var marker = document.querySelector("[data-kiosk-idle]");
  if (!marker) {
    return;
  }
  var seconds = parseInt(marker.getAttribute("data-seconds"), 10) || 600;
  var timer = null;

  function restart() {
    if (timer) {
      window.clearTimeout(timer);
    }
    // A little after the server's own limit, so the server agrees it is idle.
    timer = window.setTimeout(function () {
      marker.submit();
    }, (seconds + Math.min(5, Math.ceil(seconds / 10))) * 1000);
  }

  document.body.addEventListener("htmx:afterRequest", restart);
  restart();
})();
