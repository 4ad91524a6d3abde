/* PDF render jobs: start a render without leaving the page, poll its status,
   show a progress bar, then the preview and the download link. Without
   JavaScript the form posts normally and the page shows the job's state. */
(function () {
  "use strict";
  var POLL_MS = 1000;

  function setup(box) {
    var form = box.querySelector(".render-form");
    var bar = box.querySelector("progress");
    var label = box.querySelector(".render-label");
    var error = box.querySelector(".render-error");
    var links = box.querySelector(".render-links");
    var notes = box.querySelector(".render-notes");
    var frame = box.querySelector("iframe.pdf-frame");
    var timer = null;

    function show(data) {
      bar.hidden = false;
      bar.value = data.progress || 0;
      bar.textContent = (data.progress || 0) + "%";
      label.classList.remove("muted");
      label.textContent = data.state_label + (data.done || data.failed ? "" : "（" + (data.progress || 0) + "%）") +
        (data.message ? " " + data.message : "");
      error.hidden = !data.failed;
      error.textContent = data.failed ? data.error : "";
      links.hidden = !data.done;
      if (notes) {
        // The layout's remarks (a story moved to a later page, a page added).
        var list = notes.querySelector("ul");
        list.textContent = "";
        (data.done ? data.notes || [] : []).forEach(function (text) {
          var item = document.createElement("li");
          item.textContent = text;
          list.appendChild(item);
        });
        notes.hidden = !list.children.length;
      }
      if (data.done) {
        links.querySelector(".render-open").href = data.preview_url;
        links.querySelector(".render-download").href = data.download_url;
        // The viewer opens without its thumbnail pane, a page as wide as the frame.
        var framed = data.preview_url + "#navpanes=0&view=FitH";
        if (frame && frame.getAttribute("src") !== framed) {
          frame.src = framed;
          frame.hidden = false;
        }
      }
    }

    function poll(url) {
      clearTimeout(timer);
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
        .then(function (data) {
          show(data);
          if (!data.done && !data.failed) timer = setTimeout(function () { poll(url); }, POLL_MS);
        })
        .catch(function () {
          label.textContent = "无法获取排版进度，请刷新页面。";
        });
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var button = form.querySelector("button");
      button.disabled = true;
      label.textContent = "正在提交排版…";
      fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { Accept: "application/json", "X-Requested-With": "fetch" },
        credentials: "same-origin",
      })
        .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
        .then(function (data) {
          button.disabled = false;
          box.setAttribute("data-status-url", data.status_url);
          show(data);
          if (!data.done && !data.failed) poll(data.status_url);
        })
        .catch(function () {
          button.disabled = false;
          label.textContent = "提交排版失败，请刷新页面后重试。";
        });
    });

    var state = box.getAttribute("data-state");
    var url = box.getAttribute("data-status-url");
    if (url && (state === "queued" || state === "running")) poll(url);
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-render-job]"), setup);
})();
