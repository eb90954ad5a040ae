/* The education plan and its share link, made quicker with JavaScript. Without it the
   page still works: Up/Down buttons post the form, the whole library is listed, and the
   share link is plain text to select. */
(function () {
  "use strict";

  var form = document.querySelector("[data-plan-form]");

  function say(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_match, key) {
      return values[key];
    });
  }

  function titleOf(row) {
    return row.querySelector("strong").textContent;
  }

  if (form) {
    var chosen = form.querySelector("[data-plan-chosen]");
    var status = form.querySelector("[data-plan-status]");
    var empty = form.querySelector("[data-plan-empty]");
    var moveTemplate = form.querySelector("[data-plan-move-template]");

    var announce = function (text) {
      // Cleared first, so the same words twice are announced twice.
      status.textContent = "";
      window.setTimeout(function () { status.textContent = text; }, 50);
    };

    var inPlan = function () {
      return Array.prototype.filter.call(chosen.children, function (row) {
        return row.querySelector("input[name=item]").checked;
      });
    };

    // Numbers 1..n for the ticked rows, in the order shown: what Save will keep.
    var renumber = function () {
      var position = 0;
      Array.prototype.forEach.call(chosen.children, function (row) {
        var on = row.querySelector("input[name=item]").checked;
        row.classList.toggle("plan-row-off", !on);
        row.querySelector("[data-plan-position]").textContent = on ? (position += 1) + "." : "";
      });
      empty.hidden = chosen.children.length > 0;
    };

    var positionText = function (row, template) {
      var rows = inPlan();
      return say(template, {
        title: titleOf(row),
        position: rows.indexOf(row) + 1,
        count: rows.length
      });
    };

    // A row ticked in the suggestions or the library joins the plan at the end.
    var pin = function (row) {
      var id = row.getAttribute("data-plan-item");
      var box = row.querySelector("input[name=item]");
      var order = document.createElement("input");
      order.type = "hidden";
      order.name = "order";
      order.value = id;
      var handle = document.createElement("span");
      handle.className = "plan-handle";
      handle.setAttribute("aria-hidden", "true");
      handle.setAttribute("data-plan-handle", "");
      var label = row.querySelector(".plan-check strong");
      var number = document.createElement("span");
      number.className = "plan-position";
      number.setAttribute("aria-hidden", "true");
      number.setAttribute("data-plan-position", "");
      label.parentNode.insertBefore(number, label);
      label.parentNode.insertBefore(document.createTextNode(" "), label);
      var moves = moveTemplate.content.firstElementChild.cloneNode(true);
      moves.querySelectorAll("[data-plan-move]").forEach(function (button) {
        var way = button.getAttribute("data-plan-move");
        button.value = id + ":" + way;
        button.setAttribute("aria-label", say(form.getAttribute("data-label-" + way), {
          title: titleOf(row)
        }));
      });
      row.removeAttribute("data-plan-text");
      row.hidden = false;
      row.classList.add("plan-row-pinned");
      row.insertBefore(handle, row.firstChild);
      row.insertBefore(order, handle);
      row.appendChild(moves);
      chosen.appendChild(row);
      renumber();
      box.focus();
      announce(positionText(row, form.getAttribute("data-said-added")));
    };

    form.addEventListener("change", function (event) {
      var box = event.target;
      if (box.name !== "item") {
        return;
      }
      var row = box.closest("[data-plan-item]");
      if (row.parentNode === chosen) {
        renumber();
        announce(box.checked
          ? positionText(row, form.getAttribute("data-said-moved"))
          : say(form.getAttribute("data-said-removed"), {title: titleOf(row)}));
      } else if (box.checked) {
        pin(row);
      }
    });

    // Up and Down move the row in place, without a reload. The neighbour is moved, not
    // the row itself, so the button keeps the focus.
    form.addEventListener("click", function (event) {
      var button = event.target.closest("[data-plan-move]");
      if (!button) {
        return;
      }
      event.preventDefault();
      var row = button.closest("[data-plan-item]");
      if (button.getAttribute("data-plan-move") === "up" && row.previousElementSibling) {
        chosen.insertBefore(row.previousElementSibling, row.nextElementSibling);
      } else if (button.getAttribute("data-plan-move") === "down" && row.nextElementSibling) {
        chosen.insertBefore(row.nextElementSibling, row);
      }
      renumber();
      button.focus();
      announce(positionText(row, form.getAttribute("data-said-moved")));
    });

    if (window.Sortable) {
      form.querySelectorAll("[data-plan-handle]").forEach(function (handle) {
        handle.hidden = false;
      });
      // Pressing the grip must not move the focus (to <main>, which scrolls the page).
      chosen.addEventListener("mousedown", function (event) {
        if (event.target.closest("[data-plan-handle]")) {
          event.preventDefault();
        }
      });
      window.Sortable.create(chosen, {
        handle: "[data-plan-handle]",
        animation: 150,
        ghostClass: "plan-ghost",
        // Pointer events, not the browser's own drag and drop: the same on a tablet's
        // touch screen, a mouse and a pen.
        forceFallback: true,
        fallbackOnBody: true,
        onEnd: function (event) {
          renumber();
          announce(positionText(event.item, form.getAttribute("data-said-moved")));
        }
      });
    }

    // Filter the library as the practitioner types; without JavaScript it is all listed.
    var filterBox = form.querySelector("[data-plan-filter-box]");
    var filter = form.querySelector("[data-plan-filter]");
    var count = form.querySelector("[data-plan-filter-count]");
    filterBox.hidden = false;
    filter.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault(); // Enter would press the form's first button
      }
    });
    filter.addEventListener("input", function () {
      var words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      filter.closest("details").querySelectorAll("[data-plan-text]").forEach(function (row) {
        var text = row.getAttribute("data-plan-text");
        row.hidden = !words.every(function (word) { return text.indexOf(word) !== -1; });
        shown += row.hidden ? 0 : 1;
      });
      count.textContent = words.length ? say(form.getAttribute("data-said-shown"), {count: shown}) : "";
    });
  }

  // The share link's Copy button (the block is swapped in by htmx, so delegated).
  var showCopy = function (root) {
    if (navigator.clipboard) {
      root.querySelectorAll("[data-share-copy]").forEach(function (button) {
        button.hidden = false;
      });
    }
  };
  showCopy(document);

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-share-copy]");
    if (!button) {
      return;
    }
    var block = button.closest("#share");
    var link = block.querySelector("[data-share-url]");
    var copied = block.querySelector("[data-share-copied]");
    navigator.clipboard.writeText(link.getAttribute("data-share-url")).then(function () {
      copied.textContent = button.getAttribute("data-said-copied");
    }, function () {
      copied.textContent = button.getAttribute("data-said-failed");
      window.getSelection().selectAllChildren(link);
    });
  });

  // After Share or Stop, the new block is in place: focus goes to what comes next.
  document.addEventListener("htmx:afterSwap", function (event) {
    var swapped = event.detail.target || event.detail.elt;
    var block = document.getElementById("share");
    if (!block || !swapped || swapped.id !== "share") {
      return;
    }
    showCopy(block);
    var next = block.querySelector("[data-share-focus]");
    if (next) {
      next.focus();
    }
  });
}());
