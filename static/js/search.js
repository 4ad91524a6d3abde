// Search-as-you-type: after two characters, the titles that match are offered
// under the search box (a <datalist>); choosing one opens it.
(function () {
  "use strict";
  var counter = 0;
  function attach(input) {
    var list = document.createElement("datalist");
    list.id = "search-suggestions-" + (++counter);
    input.setAttribute("list", list.id);
    input.parentNode.appendChild(list);
    var urls = {}, timer = null, last = "";
    input.addEventListener("input", function () {
      var value = input.value.trim();
      if (urls[input.value]) { window.location.href = urls[input.value]; return; }
      clearTimeout(timer);
      if (value.length < 2 || value === last) return;
      timer = setTimeout(function () {
        last = value;
        fetch(input.dataset.suggest + "?q=" + encodeURIComponent(value), {
          headers: { "X-Requested-With": "fetch" }, credentials: "same-origin"
        }).then(function (r) { return r.ok ? r.json() : { suggestions: [] }; }).then(function (data) {
          if (input.value.trim() !== value) return;
          list.textContent = "";
          urls = {};
          data.suggestions.forEach(function (s) {
            var option = document.createElement("option");
            option.value = s.title;
            option.label = s.kind;
            urls[s.title] = s.url;
            list.appendChild(option);
          });
        }).catch(function () {});
      }, 150);
    });
  }
  document.querySelectorAll("input[data-suggest]").forEach(attach);
})();
