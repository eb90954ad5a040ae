/* Filter the "add other items" list as the practitioner types; the full list works without it. */
document.addEventListener("input", function (event) {
  var box = event.target;
  if (!box.matches || !box.matches("[data-plan-filter]")) {
    return;
  }
  var words = box.value.toLowerCase().split(/\s+/).filter(Boolean);
  box.closest("details").querySelectorAll("[data-plan-text]").forEach(function (row) {
    var text = row.getAttribute("data-plan-text");
    var checked = row.querySelector("input[type=checkbox]").checked;
    row.hidden = !checked && !words.every(function (word) { return text.indexOf(word) !== -1; });
  });
});
