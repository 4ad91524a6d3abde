// Small progressive enhancements for the desk; every page works without them.
(function () {
  "use strict";

  // <form data-confirm="..."> asks before submitting (a withdrawal, a decline, a bulk accept).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var submitter = event.submitter;
    var question = (submitter && submitter.getAttribute("data-confirm")) || form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });

  // A "select all" checkbox: <input type="checkbox" data-check-all="items">.
  document.querySelectorAll("[data-check-all]").forEach(function (master) {
    var name = master.getAttribute("data-check-all");
    master.addEventListener("change", function () {
      document.querySelectorAll('input[type=checkbox][name="' + name + '"]').forEach(function (box) {
        box.checked = master.checked;
      });
    });
  });

  // Attribution preview: （区发改委） follows the attribution field, or the unit's short name.
  var preview = document.querySelector("[data-attribution-preview]");
  if (preview) {
    var unit = document.getElementById("id_unit");
    var attribution = document.getElementById("id_attribution");
    var shortNames = {};
    ((unit && unit.getAttribute("data-short-names")) || "").split("|").forEach(function (pair) {
      var cut = pair.indexOf("=");
      if (cut > 0) { shortNames[pair.slice(0, cut)] = pair.slice(cut + 1); }
    });
    var update = function () {
      var text = (attribution && attribution.value.trim()) || (unit && shortNames[unit.value]) || "";
      preview.textContent = text ? "（" + text + "）" : "（不署名）";
      if (attribution) { attribution.placeholder = (unit && shortNames[unit.value]) || ""; }
    };
    if (unit) { unit.addEventListener("change", update); }
    if (attribution) { attribution.addEventListener("input", update); }
    update();
  }
})();
