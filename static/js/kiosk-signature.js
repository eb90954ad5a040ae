/* Optional drawn signature: a canvas that writes a PNG data URL into the hidden
   "signature" input. Without JavaScript the pad stays hidden and no signature is sent. */
(function () {
  "use strict";

  function setUp(pad) {
    var canvas = pad.querySelector("canvas");
    var form = pad.closest("form");
    var input = form && form.querySelector('input[name="signature"]');
    var status = pad.querySelector("[data-signature-status]");
    var clear = pad.querySelector("[data-signature-clear]");
    var max = parseInt(pad.getAttribute("data-max"), 10) || 200000;
    if (!canvas || !input) {
      return;
    }
    var context = canvas.getContext("2d");
    var drawing = false;
    var drawn = false;

    context.lineWidth = 3;
    context.lineCap = "round";
    context.lineJoin = "round";
    context.strokeStyle = "#111";

    function point(event) {
      var box = canvas.getBoundingClientRect();
      return {
        x: ((event.clientX - box.left) * canvas.width) / box.width,
        y: ((event.clientY - box.top) * canvas.height) / box.height,
      };
    }

    function say(text) {
      if (status) {
        status.textContent = text;
      }
    }

    function store(value) {
      input.value = value;
      input.dispatchEvent(new Event("change", { bubbles: true }));
    }

    if (input.value && input.value.indexOf("data:image/") === 0) {
      var image = new Image();
      image.onload = function () {
        context.drawImage(image, 0, 0, canvas.width, canvas.height);
        drawn = true;
      };
      image.src = input.value;
      say(pad.getAttribute("data-saved-text") || "");
    }

    canvas.addEventListener("pointerdown", function (event) {
      drawing = true;
      canvas.setPointerCapture(event.pointerId);
      var p = point(event);
      context.beginPath();
      context.moveTo(p.x, p.y);
      event.preventDefault();
    });

    canvas.addEventListener("pointermove", function (event) {
      if (!drawing) {
        return;
      }
      var p = point(event);
      context.lineTo(p.x, p.y);
      context.stroke();
      drawn = true;
    });

    function finish() {
      if (!drawing) {
        return;
      }
      drawing = false;
      if (!drawn) {
        return;
      }
      var value = canvas.toDataURL("image/png");
      if (value.length > max) {
        say(pad.getAttribute("data-too-big-text") || "");
        return;
      }
      say("");
      store(value);
    }

    canvas.addEventListener("pointerup", finish);
    canvas.addEventListener("pointercancel", finish);

    if (clear) {
      clear.addEventListener("click", function () {
        context.clearRect(0, 0, canvas.width, canvas.height);
        drawn = false;
        say("");
        store("");
      });
    }

    pad.hidden = false;
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-signature]").forEach(setUp);
  });
})();
