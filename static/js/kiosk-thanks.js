/* The thank-you page goes back to the code page by itself, ready for the next patient.
   (Without JavaScript the Finish button does it; the page shows no answers.) */
(function () {
  "use strict";

  var marker = document.querySelector("[data-kiosk-return]");
  if (!marker) {
    return;
  }
  var seconds = parseInt(marker.getAttribute("data-seconds"), 10) || 20;
  window.setTimeout(function () {
    window.location.replace(marker.getAttribute("data-kiosk-return"));
  }, seconds * 1000);
})();
