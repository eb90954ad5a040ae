/* Tapping a region on the body map toggles its checkbox; the checkbox stays the answer. */
(function () {
  "use strict";

  function checkboxFor(map, key) {
    var form = map.closest("form") || document;
    return form.querySelector('input[type="checkbox"][value="' + CSS.escape(key) + '"]');
  }

  function paint(map) {
    map.querySelectorAll("[data-region]").forEach(function (shape) {
      var box = checkboxFor(map, shape.getAttribute("data-region"));
      shape.classList.toggle("is-selected", Boolean(box && box.checked));
    });
  }

  document.addEventListener("click", function (event) {
    var shape = event.target.closest && event.target.closest("[data-body-map] [data-region]");
    if (!shape) {
      return;
    }
    var map = shape.closest("[data-body-map]");
    var box = checkboxFor(map, shape.getAttribute("data-region"));
    if (!box) {
      return;
    }
    box.checked = !box.checked;
    box.dispatchEvent(new Event("change", { bubbles: true }));
    paint(map);
  });

  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches('input[type="checkbox"]')) {
      document.querySelectorAll("[data-body-map]").forEach(paint);
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-body-map]").forEach(paint);
  });
})();
