/* The front desk's QR opens /kiosk/#code=NNNNNN. A fragment never reaches the server,
   its logs or a Referer; this types the six digits into the code field and takes them
   out of the address bar. (Without JavaScript the patient types the code.) */
(function () {
  "use strict";

  var hash = window.location.hash;
  if (hash.indexOf("#code=") !== 0) {
    return;
  }
  window.history.replaceState(null, "", window.location.pathname + window.location.search);
  var digits = /^\d{6}$/.test(hash.slice(6)) ? hash.slice(6) : "";
  var field = document.querySelector("input[name=code]");
  if (field && digits && !field.value) {
    field.value = digits;
  }
})();
