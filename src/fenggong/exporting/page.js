// Filtering as you type. Data comes from a JSON block; nothing is ever inserted as HTML.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("fg-data").textContent);
  var deptInput = document.getElementById("dept");
  var wordInput = document.getElementById("keyword");
  var count = document.getElementById("count");
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr.task"));
  var sections = Array.prototype.slice.call(document.querySelectorAll("tbody.section"));

  function fold(text) {
    return text.normalize("NFKC").replace(/[\s\u200b-\u200f\u2060\ufeff]/g, "").toLowerCase();
  }
  function variants(text) {
    var key = fold(text), out = [key];
    ["中共上海市", "共青团上海市", "上海市", "上海"].forEach(function (prefix) {
      if (key.indexOf(prefix) === 0 && key.length > prefix.length) {
        out.push(key.slice(prefix.length), "市" + key.slice(prefix.length));
      }
    });
    return out;
  }
  var spellings = Object.keys(data.departments).map(function (name) {
    var dept = data.departments[name];
    return { name: name, keys: [name, dept.full_name].concat(dept.aliases).map(fold) };
  });
  // Bodies a typed name stands for: exact spellings first, else names containing it.
  function bodies(typed) {
    var wanted = variants(typed);
    var exact = spellings.filter(function (s) {
      return s.keys.some(function (k) { return wanted.indexOf(k) >= 0; });
    });
    if (exact.length) { return exact.map(function (s) { return s.name; }); }
    var key = fold(typed);
    return spellings.filter(function (s) {
      return s.keys.some(function (k) { return k.indexOf(key) >= 0; });
    }).map(function (s) { return s.name; });
  }

  function apply() {
    var typed = deptInput.value.trim(), word = fold(wordInput.value);
    var reach = null;
    if (typed) {
      reach = {};
      bodies(typed).forEach(function (name) {
        var tasks = data.departments[name].reach;
        Object.keys(tasks).forEach(function (id) {
          var how = tasks[id];
          if (reach[id] !== "direct" && (reach[id] !== "group" || how === "direct")) { reach[id] = how; }
        });
      });
    }
    var shown = 0;
    rows.forEach(function (row) {
      var how = reach ? reach[row.dataset.id] : "direct";
      var visible = Boolean(how) && (!word || fold(row.dataset.text).indexOf(word) >= 0);
      row.classList.toggle("hidden", !visible);
      row.classList.toggle("possible", visible && how === "possible");
      if (visible) { shown += 1; }
    });
    sections.forEach(function (section) {
      section.classList.toggle("hidden", !section.querySelector("tr.task:not(.hidden)"));
    });
    count.textContent = "共 " + shown + " 项任务";
  }
  deptInput.addEventListener("input", apply);
  wordInput.addEventListener("input", apply);
  apply();
})();
