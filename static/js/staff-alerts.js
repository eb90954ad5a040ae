// Board and queue: keep staff told while the page polls.
// - A new emergency in the polled part ([data-alert-state]) changes the page title, is
//   announced to screen readers and plays a short tone (unless the desk switched it off).
// - When the staff session has ended, a poll answers with the event "staff-signed-out":
//   the polled part is emptied (no names left on an unattended screen), polling stops,
//   and a loud bar says that alerts are paused.
// The sound switch is kept in a cookie: it is not patient data, and nothing goes to
// localStorage or sessionStorage.
(function () {
  "use strict";
  var live = document.querySelector("[data-alert-live]");
  if (!live) {
    return;
  }
  var baseTitle = document.title;
  var announcer = document.getElementById("alert-announcer");
  var soundButton = document.querySelector("[data-alert-sound]");
  var SOUND_COOKIE = "nervedesk_alert_sound";
  var seen = null;
  var audio = null;

  function soundOn() {
    return document.cookie.split("; ").indexOf(SOUND_COOKIE + "=off") === -1;
  }

  function showSound() {
    var on = soundOn();
    soundButton.setAttribute("aria-pressed", on ? "true" : "false");
    soundButton.textContent = on ? soundButton.dataset.labelOn : soundButton.dataset.labelOff;
  }

  // Browsers let a page play sound only after a tap or key on it: the first one
  // anywhere on the page prepares the tone.
  function prepareAudio() {
    var Context = window.AudioContext || window.webkitAudioContext;
    if (!audio && Context) {
      audio = new Context();
    }
    if (audio && audio.state === "suspended") {
      audio.resume();
    }
  }

  function tone() {
    if (!audio || !soundOn()) {
      return;
    }
    [0, 0.35].forEach(function (start) {
      var oscillator = audio.createOscillator();
      var gain = audio.createGain();
      oscillator.frequency.value = 880;
      gain.gain.value = 0.2;
      oscillator.connect(gain);
      gain.connect(audio.destination);
      oscillator.start(audio.currentTime + start);
      oscillator.stop(audio.currentTime + start + 0.25);
    });
  }

  function update() {
    var state = document.querySelector("[data-alert-state]");
    if (!state) {
      return;
    }
    var ids = (state.dataset.emergencies || "").split(" ").filter(Boolean);
    document.title = state.dataset.title ? state.dataset.title + " · " + baseTitle : baseTitle;
    if (seen !== null) {
      var fresh = ids.filter(function (id) {
        return seen.indexOf(id) === -1;
      });
      if (fresh.length) {
        announcer.textContent = "";
        announcer.textContent = state.dataset.announce;
        tone();
      }
    }
    seen = ids;
  }

  function signedOut() {
    var banner = document.getElementById("alert-banner");
    [live, banner].forEach(function (element) {
      if (element) {
        var empty = element.cloneNode(false);
        empty.removeAttribute("hx-get");
        empty.removeAttribute("hx-trigger");
        element.replaceWith(empty);
      }
    });
    document.getElementById("signed-out-bar").hidden = false;
    if (soundButton) {
      soundButton.hidden = true;
    }
    document.title = document.getElementById("signed-out-bar").querySelector("p").textContent;
  }

  if (soundButton) {
    soundButton.hidden = false;
    showSound();
    soundButton.addEventListener("click", function () {
      var value = soundOn() ? "off" : "on";
      document.cookie =
        SOUND_COOKIE +
        "=" +
        value +
        "; path=/staff/; max-age=31536000; SameSite=Strict" +
        (window.location.protocol === "https:" ? "; Secure" : "");
      showSound();
    });
  }
  ["click", "keydown"].forEach(function (kind) {
    document.addEventListener(kind, prepareAudio);
  });
  document.body.addEventListener("htmx:afterSettle", update);
  document.body.addEventListener("staff-signed-out", signedOut);
  update();
})();
