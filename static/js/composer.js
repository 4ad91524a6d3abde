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
    form.submit();
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
