// Who is editing now: the page pings every ~15 s while it is open (as Wagtail's
// EditingSession does), shows who else has it open, the soft lock ("我来编辑"),
// and warns before saving over a newer version. Without script, saving still
// works and the conflict page still catches a clash.
(function () {
  "use strict";
  var box = document.querySelector("[data-presence]");
  if (!box || !window.fetch) return;

  var kind = box.getAttribute("data-kind");
  var id = box.getAttribute("data-id");
  var page = box.getAttribute("data-page");
  var openedVersion = parseInt(box.getAttribute("data-version"), 10);
  var interval = Math.max(1, parseFloat(box.getAttribute("data-interval")) || 15) * 1000;
  var csrf = box.getAttribute("data-csrf");
  var client = Date.now().toString(36) + Math.random().toString(36).slice(2, 10);
  var newer = false;

  function fields(extra) {
    var data = new FormData();
    data.append("csrfmiddlewaretoken", csrf);
    data.append("kind", kind);
    data.append("id", id);
    data.append("client", client);
    data.append("page", page);
    Object.keys(extra || {}).forEach(function (key) { data.append(key, extra[key]); });
    return data;
  }

  function post(url, extra) {
    return fetch(url, {
      method: "POST", body: fields(extra), credentials: "same-origin",
      headers: { "X-CSRFToken": csrf, "Accept": "application/json" }
    }).then(function (response) { return response.json(); });
  }

  function when(minutes) { return minutes < 1 ? "刚刚" : minutes + " 分钟前"; }

  function show(selector, visible) {
    var el = box.querySelector(selector);
    if (el) el.hidden = !visible;
  }

  function render(state) {
    if (!state || state.others === undefined) return;
    var list = box.querySelector(".presence-others");
    list.textContent = "";
    state.others.forEach(function (other) {
      var li = document.createElement("li");
      li.className = other.idle ? "presence-idle" : "presence-active";
      li.textContent = other.idle
        ? other.name + " 打开了此页，已闲置（最后活动 " + when(other.seen_minutes) + "）"
        : other.name + " " + other.doing + "（" + when(other.since_minutes) + "）";
      list.appendChild(li);
    });
    var lock = state.lock;
    var lockLine = box.querySelector(".presence-lock");
    if (lock && lock.mine) {
      lockLine.textContent = "您已声明“我来编辑”（" + when(lock.minutes) + "）。" +
        (lock.requested_by ? lock.requested_by + " 请您让出编辑。" : "");
    } else if (lock) {
      lockLine.textContent = lock.holder + " 已声明“我来编辑”（" + when(lock.minutes) + "），保存前请与他确认。";
    } else {
      lockLine.textContent = "";
    }
    show(".presence-lock", !!lock);
    show('[data-lock-action="take"]', state.can_lock && !lock);
    show('[data-lock-action="release"]', lock && lock.mine);
    show('[data-lock-action="ask"]', lock && !lock.mine);
    show('[data-lock-action="break"]', lock && !lock.mine && state.can_break);
    newer = state.version > openedVersion;
    show(".presence-newer", newer);
    if (state.error || state.message) box.querySelector(".presence-message").textContent = state.error || state.message;
    box.hidden = !(state.others.length || lock || newer || state.can_lock);
  }

  function ping() {
    if (document.visibilityState === "hidden") return;
    post(box.getAttribute("data-ping-url")).then(render).catch(function () {});
  }

  box.addEventListener("click", function (event) {
    var button = event.target.closest("[data-lock-action]");
    if (!button) return;
    var question = button.getAttribute("data-confirm-break");
    if (question && !window.confirm(question)) return;
    post(box.getAttribute("data-lock-url"), { action: button.getAttribute("data-lock-action") }).then(render);
  });

  // Before saving over a version someone else saved since this page opened.
  document.addEventListener("submit", function (event) {
    if (!newer || event.defaultPrevented) return;
    if (!window.confirm("有人已保存了更新的版本。仍要保存吗？（将进入冲突对照页）")) event.preventDefault();
  }, true);

  window.addEventListener("pagehide", function () {
    if (navigator.sendBeacon) navigator.sendBeacon(box.getAttribute("data-leave-url"), fields());
  });
  document.addEventListener("visibilitychange", function () { if (document.visibilityState === "visible") ping(); });

  ping();
  window.setInterval(ping, interval);
})();
