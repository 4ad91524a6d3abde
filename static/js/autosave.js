// Autosave for the item form: every few seconds, if the text changed, a copy of
// it (not the photos or files) is kept on the server for this user and item, and
// offered back when they return to the form. Saving the form is still the
// user's act; the copy never replaces the item by itself.
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave-url]");
  if (!form) return;
  var url = form.getAttribute("data-autosave-url");
  var seconds = parseInt(form.getAttribute("data-autosave-seconds") || "15", 10);
  var status = form.querySelector("[data-autosave-status]");
  var TEXT_FIELDS = ["unit", "title", "attribution", "body", "kicker", "subhead", "dateline", "byline",
    "byline_position", "column_label", "short_headline"];

  function copy() {
    var data = new FormData();
    var token = form.querySelector("input[name=csrfmiddlewaretoken]");
    data.append("csrfmiddlewaretoken", token ? token.value : "");
    data.append("item", form.getAttribute("data-autosave-item") || "");
    TEXT_FIELDS.forEach(function (name) {
      var field = form.elements.namedItem(name);
      if (field && typeof field.value === "string") data.append(name, field.value);
    });
    return data;
  }
  function fingerprint(data) {
    var parts = [];
    data.forEach(function (value, name) { if (name !== "csrfmiddlewaretoken") parts.push(name + "=" + value); });
    return parts.join("\u0000");
  }
  function say(text) { if (status) status.textContent = text; }

  var last = fingerprint(copy());  // what the page opened with needs no copy
  var submitting = false;
  form.addEventListener("submit", function () { submitting = true; });

  function save() {
    if (submitting) return;
    var data = copy();
    var now = fingerprint(data);
    if (now === last) return;
    fetch(url, { method: "POST", body: data, credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then(function (response) {
        return response.json().catch(function () { return {}; })
          .then(function (answer) { return { ok: response.ok, status: response.status, answer: answer }; });
      })
      .then(function (result) {
        if (result.ok) {
          last = now;
          say("已自动保存草稿副本 " + result.answer.saved_at + "（尚未保存稿件）");
        } else if (result.answer.error) {
          say(result.answer.error);
        } else if (result.status === 400) {
          say("内容太长，草稿副本未能自动保存；请缩短正文后再保存。");
        } else {
          say("草稿副本未能自动保存（服务器出错），请尽快保存稿件。");
        }
      })
      .catch(function () { say("网络中断，草稿副本未能自动保存；请不要关闭页面，恢复后再保存。"); });
  }
  window.setInterval(save, Math.max(1, seconds) * 1000);
  // Leaving the page (a closed tab, a link followed past the warning): one last copy.
  window.addEventListener("pagehide", function () {
    if (submitting || !navigator.sendBeacon) return;
    var data = copy();
    if (fingerprint(data) !== last) navigator.sendBeacon(url, data);
  });
})();
