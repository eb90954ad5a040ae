/* The final Send button works once: after the first tap it is disabled. The server
   also accepts the same one-time token only once, so this is a courtesy, not a guard. */
(function () {
  "use strict";

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("[data-submit-once]")) {
      return;
    }
    if (form.getAttribute("data-submitted") === "yes") {
      event.preventDefault();
      return;
    }
    form.setAttribute("data-submitted", "yes");
    window.setTimeout(function () {
      form.querySelectorAll("button[type=submit]").forEach(function (button) {
        button.disabled = true;
        button.setAttribute("aria-disabled", "true");
      });
    }, 0);
  });
})();
