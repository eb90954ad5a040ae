/* htmx autosaves the whole step form as the patient answers. When Next or Back is
   tapped while an autosave is still on its way, the page waits for it, then goes:
   the move is saved last, and no request is cut off by leaving the page. */
(function () {
  "use strict";

  var inFlight = 0;
  var waiting = null;

  function autosaved(form) {
    return form && form.matches && form.matches("form[hx-post]");
  }

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
  });

  document.addEventListener("htmx:afterRequest", function (event) {
    if (!autosaved(event.detail.elt)) {
      return;
    }
    inFlight = Math.max(0, inFlight - 1);
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
})();
