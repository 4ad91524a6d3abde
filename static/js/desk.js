// Small progressive enhancements for the desk; every page works without them.
(function () {
  "use strict";

  // <form data-unsaved-guard="刊头的修改"> remembers that it was changed, so that
  // another button on the page (送签, 采用 …) or leaving the page does not drop
  // the change without a word. CKEditor types into a contenteditable whose
  // edits reach the form only on submit, so typing there counts as a change.
  var NAVIGATION_KEYS = /^(Tab|Shift|Control|Alt|Meta|Escape|Arrow|Page|Home|End|F\d)/;
  var guarded = Array.prototype.slice.call(document.querySelectorAll("form[data-unsaved-guard]"));
  function markDirty(event) {
    if (event.type === "keydown" && (!event.target.isContentEditable || NAVIGATION_KEYS.test(event.key))) return;
    // The field's own form (a field may belong to another form through form="…").
    var form = event.target.form || (event.target.closest && event.target.closest("form"));
    if (form && form.hasAttribute("data-unsaved-guard")) form.setAttribute("data-dirty", "");
  }
  ["input", "change", "keydown", "paste", "drop"].forEach(function (type) {
    document.addEventListener(type, markDirty, true);
  });
  function unsavedElsewhere(form) {
    return guarded.filter(function (other) { return other !== form && other.hasAttribute("data-dirty"); })
      .map(function (other) { return other.getAttribute("data-unsaved-guard"); });
  }
  var leaving = false;
  window.addEventListener("beforeunload", function (event) {
    if (leaving || !unsavedElsewhere(null).length) return;
    event.preventDefault();
    event.returnValue = "";
  });

  // <form data-max-bytes="N">: a form whose text is larger than the server accepts
  // is not sent at all, so the text stays on the page instead of being lost to an
  // error page. Runs before the other submit handlers (capture on window).
  window.addEventListener("submit", function (event) {
    var form = event.target;
    var limit = parseInt(form.getAttribute("data-max-bytes") || "0", 10);
    if (!limit) return;
    var size = 0;
    new FormData(form).forEach(function (value) {
      if (typeof value === "string") size += new Blob([value]).size;
    });
    if (size > limit) {
      event.preventDefault();
      event.stopImmediatePropagation();
      var mb = function (n) { return (n / 1048576).toFixed(1); };
      window.alert("内容太长，无法保存：这次要提交的文字约 " + mb(size) + " MB，一次最多 " + mb(limit) +
        " MB（附件和图片不计）。\n\n您的文字仍在页面上，没有丢失。请把正文分成几篇，或删去粘贴进来的多余内容后再保存。");
    }
  }, true);

  // <form data-confirm="..."> asks before submitting (a withdrawal, a decline, a bulk accept, 印发).
  document.addEventListener("submit", function (event) {
    if (event.defaultPrevented) return; // a form handled by script (the PDF preview) stays on the page
    var form = event.target;
    var submitter = event.submitter;
    var question = (submitter && submitter.getAttribute("data-confirm")) || form.getAttribute("data-confirm");
    var unsaved = unsavedElsewhere(form);
    if (unsaved.length) {
      var warning = unsaved.join("、") + "尚未保存，继续将丢失这些修改。";
      question = warning + (question ? "\n\n" + question : "确定继续吗？");
    }
    if (question && !window.confirm(question)) {
      event.preventDefault();
      return;
    }
    leaving = true;
  });

  // <button data-history-back> on an error page: back to the form, whose text the browser still holds.
  document.querySelectorAll("[data-history-back]").forEach(function (button) {
    button.addEventListener("click", function () { window.history.back(); });
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
    var mode = document.getElementById("id_attribution_mode");
    var lead = preview.hasAttribute("data-lead");
    var shortNames = {};
    ((unit && unit.getAttribute("data-short-names")) || "").split("|").forEach(function (pair) {
      var cut = pair.indexOf("=");
      if (cut > 0) { shortNames[pair.slice(0, cut)] = pair.slice(cut + 1); }
    });
    var update = function () {
      // Mirrors Item.attribution_text: 不署名, the typed name, or the unit's short name for a run-in item.
      var text = (attribution && attribution.value.trim()) || (!lead && unit && shortNames[unit.value]) || "";
      if (mode && mode.value === "none") { text = ""; }
      preview.textContent = text ? "（" + text + "）" : "（不署名）";
      if (attribution) { attribution.placeholder = (unit && shortNames[unit.value]) || ""; }
    };
    if (unit) { unit.addEventListener("change", update); }
    if (attribution) { attribution.addEventListener("input", update); }
    if (mode) { mode.addEventListener("change", update); }
    update();
  }
})();
