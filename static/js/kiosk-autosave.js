/* htmx autosaves the whole step form as the patient answers. When Next or Back is
   tapped while an autosave is still on its way, the page waits for it, then goes:
   the move is saved last, and no request is cut off by leaving the page.

   Text typed in the last moment before a reload (before the typing pause that sends
   it) is kept in this tab's sessionStorage as the page unloads, put back in its field
   when the same step of the same kiosk session loads again, sent, and deleted. */
(function () {
  "use strict";

  var TEXT_FIELDS =
    "textarea, input[type=text], input[type=number], input[type=date], " +
    "input[type=email], input[type=tel]";
  // Older unsent text is not put back (the tablet may have moved on).
  var CARRY_MAX_AGE_MS = 5 * 60 * 1000;
  var inFlight = 0;
  var waiting = null;
  var unsent = false;

  function autosaved(form) {
    return form && form.matches && form.matches("form[hx-post]");
  }

  function carryKey(form) {
    var key = form && form.getAttribute("data-autosave-key");
    return key ? "nervedesk-unsent-" + key : null;
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

  // beforeunload runs before the reload's request is sent; pagehide is a second chance.
  function keepUnsent() {
    var form = document.querySelector("form[hx-post][data-autosave-key]");
    var key = carryKey(form);
    if (!key || form.getAttribute("data-leaving") === "yes" || !(unsent || inFlight > 0)) {
      return;
    }
    var fields = {};
    form.querySelectorAll(TEXT_FIELDS).forEach(function (field) {
      if (field.name) {
        fields[field.name] = field.value;
      }
    });
    try {
      window.sessionStorage.setItem(key, JSON.stringify({ at: Date.now(), fields: fields }));
    } catch (error) {
      // Storage full or switched off: the server has everything up to the last pause.
    }
  }

  window.addEventListener("beforeunload", keepUnsent);
  window.addEventListener("pagehide", keepUnsent);

  function putBack() {
    var form = document.querySelector("form[hx-post][data-autosave-key]");
    var key = carryKey(form);
    var stored = null;
    if (!key) {
      return;
    }
    try {
      stored = JSON.parse(window.sessionStorage.getItem(key) || "null");
      window.sessionStorage.removeItem(key);
    } catch (error) {
      return;
    }
    if (!stored || !stored.fields || Date.now() - stored.at > CARRY_MAX_AGE_MS) {
      return;
    }
    var changed = null;
    Object.keys(stored.fields).forEach(function (name) {
      var field = form.elements.namedItem(name);
      if (field && field.matches && field.matches(TEXT_FIELDS) && field.value !== stored.fields[name]) {
        field.value = stored.fields[name];
        changed = changed || field;
      }
    });
    if (changed) {
      unsent = true;
      changed.dispatchEvent(new Event("change", { bubbles: true }));
    }
  }

  // After htmx has set up the form's triggers (it does so on DOMContentLoaded).
  document.addEventListener("DOMContentLoaded", function () {
    window.setTimeout(putBack, 0);
  });
})();
