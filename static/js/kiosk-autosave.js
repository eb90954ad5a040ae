/* htmx autosaves the whole step form as the patient answers. When Next or Back is
   tapped while an autosave is still on its way, the page waits for it, then goes:
   the move is saved last, and no request is cut off by leaving the page.

   Text typed in the last moment before the page goes (before the typing pause that
   sends it) is sent as the page unloads. */
(function () {
  "use strict";

  var TEXT_FIELDS =
    "textarea, input[type=text], input[type=number], input[type=date], " +
    "input[type=email], input[type=tel]";
  var inFlight = 0;
  var waiting = null;
  var unsent = false;

  function autosaved(form) {
    return form && form.matches && form.matches("form[hx-post]");
  }

  document.addEventListener("input", function (event) {
    var field = event.target;
    if (field.matches && field.matches(TEXT_FIELDS) && autosaved(field.form)) {
      unsent = true;
    }
  });

  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = event.detail.elt;
    if (!autosaved(form)) {
      return;
    }
    if (form.getAttribute("data-leaving") === "yes") {
      event.preventDefault();
      return;
    }
    inFlight += 1;
    unsent = false;
  });

  document.addEventListener("htmx:afterRequest", function (event) {
    if (!autosaved(event.detail.elt)) {
      return;
    }
    inFlight = Math.max(0, inFlight - 1);
    if (!event.detail.successful) {
      unsent = true;
    }
    if (inFlight === 0 && waiting) {
      var pending = waiting;
      waiting = null;
      pending.form.requestSubmit(pending.submitter || undefined);
    }
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!autosaved(form)) {
      return;
    }
    if (inFlight > 0) {
      event.preventDefault();
      waiting = { form: form, submitter: event.submitter };
      return;
    }
    form.setAttribute("data-leaving", "yes");
  });

  // Leaving the page (a reload, a sleeping tablet) with text not yet sent: send it now,
  // with a request the browser finishes after the page has gone. Nothing is kept in the
  // browser: patient answers never go into its storage.
  function sendUnsent() {
    var form = document.querySelector("form[hx-post]");
    if (!autosaved(form) || form.getAttribute("data-leaving") === "yes" || !unsent) {
      return;
    }
    unsent = false;
    try {
      window.fetch(form.getAttribute("hx-post"), {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        keepalive: true,
      });
    } catch (error) {
      // The server still has everything up to the last typing pause.
    }
  }

  window.addEventListener("beforeunload", sendUnsent);
  window.addEventListener("pagehide", sendUnsent);
})();
