/* Issue composer: drag-and-drop ordering of placed items.
   Without JavaScript the ↑ ↓ buttons do the same on the server. Dropping an
   item saves the new order at once (the form carries the version, so a
   concurrent change still ends on the conflict page). */
(function () {
  "use strict";
  var form = document.querySelector("form[data-composer]");
  if (!form) return;
  var dragged = null;

  function rowOf(node) {
    while (node && node !== form) {
      if (node.classList && node.classList.contains("placed-item")) return node;
      node = node.parentNode;
    }
    return null;
  }

  function listOf(node) {
    while (node && node !== form) {
      if (node.hasAttribute && node.hasAttribute("data-sortable")) return node;
      node = node.parentNode;
    }
    return null;
  }

  function save() {
    var op = document.createElement("input");
    op.type = "hidden";
    op.name = "op";
    op.value = "save";
    form.appendChild(op);
    form.classList.add("saving");
    // requestSubmit runs the page's submit checks (unsaved changes elsewhere).
    if (form.requestSubmit) form.requestSubmit(); else form.submit();
  }

  // Keyboard reordering: after ↑ / ↓ / 编入 reloads the page, focus returns to the
  // same button on the moved item (or its neighbour when that one is now disabled),
  // so the next key press keeps moving the same item.
  var FOCUS_KEY = "composer-focus:" + location.pathname;
  form.addEventListener("submit", function (event) {
    var op = event.submitter && event.submitter.value;
    try {
      if (op && /^(up|down|add):\d+$/.test(op)) sessionStorage.setItem(FOCUS_KEY, op);
    } catch (e) { /* storage may be off; focus then stays where the browser puts it */ }
  });
  // After load: the browser's jump to the #placed-… fragment would otherwise take focus away again.
  window.addEventListener("load", function () { setTimeout(restoreFocus, 0); });
  function restoreFocus() {
    var op;
    try { op = sessionStorage.getItem(FOCUS_KEY); sessionStorage.removeItem(FOCUS_KEY); } catch (e) { return; }
    if (!op) return;
    var parts = op.split(":");
    var row = document.getElementById("placed-" + parts[1]);
    if (!row) return;
    var order = parts[0] === "down" ? ["down", "up"] : ["up", "down"];
    for (var i = 0; i < order.length; i++) {
      var button = row.querySelector('button[value="' + order[i] + ":" + parts[1] + '"]');
      if (button && !button.disabled) { button.focus(); return; }
    }
    row.setAttribute("tabindex", "-1");
    row.focus();
  }

  form.addEventListener("dragstart", function (event) {
    var row = rowOf(event.target);
    if (!row) return;
    dragged = row;
    row.classList.add("dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", row.getAttribute("data-item"));
  });

  form.addEventListener("dragend", function () {
    if (dragged) dragged.classList.remove("dragging");
    dragged = null;
  });

  form.addEventListener("dragover", function (event) {
    if (!dragged || !listOf(event.target)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    var list = listOf(event.target);
    var target = rowOf(event.target);
    if (target && target !== dragged) {
      var box = target.getBoundingClientRect();
      var after = event.clientY > box.top + box.height / 2;
      list.insertBefore(dragged, after ? target.nextSibling : target);
    } else if (!target) {
      list.appendChild(dragged);
    }
  });

  form.addEventListener("drop", function (event) {
    if (!dragged) return;
    event.preventDefault();
    var list = listOf(dragged);
    var page = list && list.getAttribute("data-page");
    var select = dragged.querySelector("select[data-page-select]");
    if (select && page) select.value = page; // moved to another newspaper page
    save();
  });
})();
