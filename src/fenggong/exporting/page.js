// Filtering as you type. Data comes from a JSON block; nothing is ever inserted as HTML.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("fg-data").textContent);
  var say = data.messages;
  // Through a Map: a body named "__proto__" is read as itself, not as the prototype.
  var byName = new Map(Object.entries(data.departments));
  var bodies = data.order.map(function (name) {
    var body = byName.get(name);
    body.name = name;
    return body;
  });
  var filter = document.getElementById("filter");
  var deptInput = document.getElementById("dept");
  var wordInput = document.getElementById("keyword");
  var count = document.getElementById("count");
  var status = document.getElementById("dept-status");
  var legend = document.getElementById("possible-legend");
  var taskTable = document.getElementById("tasks");
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr.task"));
  var sections = Array.prototype.slice.call(document.querySelectorAll("tbody.section"));
  var howCells = rows.map(function (row) { return row.querySelector("td.how"); });
  // A page of several plans: a plan selector, a heading per plan, goals marked by plan.
  var planSelect = document.getElementById("plan");
  // With the 台账: a filter by light, as the 通报 counts: a row's light, of the rows a
  // report stands behind, or the rows of its bucket not reported (lit by dates or not).
  var lightSelect = document.getElementById("light");
  var planHeads = Array.prototype.slice.call(document.querySelectorAll("tbody.plan-head"));
  var planGoals = Array.prototype.slice.call(document.querySelectorAll("#target-table tr[data-plan]"));
  var loadBody = document.querySelector("#load tbody");
  var loadRows = loadBody ? Array.prototype.slice.call(loadBody.rows) : [];
  var loadScope = document.getElementById("load-scope");
  var loadCaption = document.getElementById("load-caption");
  var COUNTS = ["lead", "support", "total", "via_group", "possible"];
  // A 责任清单 page has no department filter, no load table and its own 承担方式 column:
  // its keyword filter alone runs, and the column keeps what the page was written with.
  var byDept = Boolean(deptInput);

  // As names.fold: NFKC, no whitespace or invisible format characters, lower case.
  function fold(text) {
    return text.normalize("NFKC").replace(/[\s\p{Cf}]/gu, "").toLowerCase();
  }
  // As resolve.variants, for what is typed: without a leading 上海市, and with 市 restored.
  function variants(key) {
    var out = [key];
    ["中共上海市", "共青团上海市", "上海市", "上海"].forEach(function (prefix) {
      if (key.indexOf(prefix) === 0 && key.length > prefix.length) {
        out.push(key.slice(prefix.length), "市" + key.slice(prefix.length));
      }
    });
    return out;
  }
  function indexBy(field) {
    var index = new Map();
    bodies.forEach(function (body, i) {
      body[field].forEach(function (key) {
        if (!index.has(key)) { index.set(key, []); }
        index.get(key).push(i);
      });
    });
    return index;
  }
  var forms = indexBy("forms"), pinyin = indexBy("pinyin");

  // The bodies a typed name stands for, as the CLI resolves it (a spelling, else pinyin);
  // failing that, while the name is still being typed, the bodies it begins or is part of.
  function resolve(typed) {
    var key = fold(typed), found = null;
    variants(key).some(function (form) { found = forms.get(form); return Boolean(found); });
    if (!found && /^[a-z]+$/.test(key)) { found = pinyin.get(key); }
    if (!found) {
      found = bodies.map(function (body, i) { return i; }).filter(function (i) {
        var b = bodies[i];
        return b.forms.some(function (f) { return f.indexOf(key) >= 0; }) ||
          (/^[a-z]+$/.test(key) && b.pinyin.some(function (p) { return p.indexOf(key) === 0; }));
      });
    }
    return found.slice().sort(function (a, b) { return a - b; });
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : all;
    });
  }
  function showStatus(typed, found) {
    status.replaceChildren();
    status.className = "";
    if (found.length === 1) {
      var body = bodies[found[0]];
      status.textContent = body.name + (body.full_name !== body.name ? " · " + body.full_name : "");
      return;
    }
    status.className = "problem";
    if (!found.length) {
      status.textContent = fill(say.unknown, { name: typed });
      return;
    }
    status.append(fill(say.ambiguous, { name: typed }));
    found.slice(0, data.most).forEach(function (i) {
      var pick = document.createElement("button");
      pick.type = "button";
      pick.textContent = bodies[i].name;
      pick.addEventListener("click", function () {
        deptInput.value = bodies[i].name;
        apply();
      });
      status.append(" ", pick);
    });
    if (found.length > data.most) {
      status.append(" " + fill(say.more, { count: found.length - data.most }));
    }
  }

  var whole = loadRows.map(function (row) {
    var cells = {};
    row.querySelectorAll("td[data-key]").forEach(function (td) { cells[td.dataset.key] = td; });
    var spans = row.querySelectorAll(".bar span");
    return {
      row: row, index: Number(row.dataset.index), cells: cells, spans: spans,
      text: COUNTS.map(function (k) { return cells[k].textContent; }),
      widths: Array.prototype.map.call(spans, function (s) { return s.style.width; })
    };
  });
  // The load table counts the tasks shown, as `fenggong depts` files them; with no filter
  // it is the whole table, as the page was written.
  function updateLoad(visibleIds) {
    var filtered = visibleIds !== null;
    loadScope.textContent = filtered ? fill(say.filtered, { count: visibleIds.size }) : say.whole;
    loadCaption.classList.toggle("hidden", filtered);
    if (!filtered) {
      whole.forEach(function (x) {
        COUNTS.forEach(function (k, j) { x.cells[k].textContent = x.text[j]; });
        x.spans.forEach(function (s, j) { s.style.width = x.widths[j]; });
        x.row.classList.remove("hidden");
      });
      arrange(whole);
      return;
    }
    var counted = whole.map(function (x) {
      var n = { lead: 0, support: 0, via_group: 0, possible: 0 };
      var body = bodies[x.index];
      visibleIds.forEach(function (id) {
        var bucket = body.bucket[id];
        if (!bucket) { return; }
        n[bucket] += 1;
        if (body.reach[id] === "group") { n.via_group += 1; }
      });
      n.total = n.lead + n.support;
      return { x: x, n: n };
    });
    var largest = Math.max.apply(null, counted.map(function (c) { return c.n.total; }).concat([1]));
    counted.sort(function (a, b) {
      return b.n.total - a.n.total || b.n.lead - a.n.lead || a.x.index - b.x.index;
    });
    counted.forEach(function (c) {
      COUNTS.forEach(function (k) { c.x.cells[k].textContent = c.n[k].toLocaleString("en-US"); });
      if (c.x.spans.length === 2) {
        c.x.spans[0].style.width = (100 * c.n.lead / largest).toFixed(1) + "%";
        c.x.spans[1].style.width = (100 * c.n.support / largest).toFixed(1) + "%";
      }
      c.x.row.classList.toggle("hidden", !c.n.total && !c.n.possible);
    });
    arrange(counted.map(function (c) { return c.x; }));
  }
  // Rows moved only when their order changes: moving 43 rows on each key costs a layout.
  function arrange(order) {
    var current = loadBody.rows;
    if (order.some(function (x, i) { return current[i] !== x.row; })) {
      order.forEach(function (x) { loadBody.append(x.row); });
    }
  }

  function apply() {
    // A name of spaces or invisible characters alone is no name.
    var typed = byDept && fold(deptInput.value) ? deptInput.value.trim() : "";
    var word = fold(wordInput.value);
    var plan = planSelect ? planSelect.value : "";
    var light = lightSelect ? lightSelect.value : "";
    var found = typed ? resolve(typed) : [];
    var body = found.length === 1 ? bodies[found[0]] : null;
    filter.dataset.state = !typed ? "none" : body ? "one" : found.length ? "ambiguous" : "unknown";
    filter.dataset.bodies = found.map(function (i) { return bodies[i].name; }).join("、");
    if (typed) {
      showStatus(typed, found);
    } else if (status) {
      status.replaceChildren();
      status.className = "";
    }
    if (byDept) { taskTable.classList.toggle("by-dept", Boolean(body)); }
    var shown = new Set(), plansShown = new Set(), anyPossible = false;
    rows.forEach(function (row, i) {
      var id = row.dataset.id, reach = body ? body.reach[id] : null;
      var visible = (!body || Boolean(reach)) && (!word || fold(row.dataset.text).indexOf(word) >= 0) &&
        (!plan || row.dataset.plan === plan) &&
        (!light || (light === "not_reported" ? row.dataset.bucket === light :
          row.dataset.light === light && row.dataset.bucket !== "not_reported"));
      var possible = visible && reach === "possible";
      row.classList.toggle("hidden", !visible);
      if (byDept) { row.classList.toggle("possible", possible); }
      var how = reach ? body.says[id] : "";
      if (byDept && howCells[i].textContent !== how) { howCells[i].textContent = how; }
      if (visible) { shown.add(id); plansShown.add(row.dataset.plan); }
      anyPossible = anyPossible || possible;
    });
    sections.forEach(function (section) {
      section.classList.toggle("hidden", !section.querySelector("tr.task:not(.hidden)"));
    });
    planHeads.forEach(function (head) { head.classList.toggle("hidden", !plansShown.has(head.dataset.plan)); });
    planGoals.forEach(function (goal) { goal.classList.toggle("hidden", Boolean(plan) && goal.dataset.plan !== plan); });
    if (byDept) { legend.classList.toggle("hidden", !anyPossible); }
    count.textContent = "共 " + shown.size + " 项任务";
    if (loadBody) { updateLoad(body || word || plan || light ? shown : null); }
  }
  // The table's header sticks below the filter, whose height follows its messages; read
  // once laid out, as reading it while filtering would lay the whole table out each time.
  if (window.ResizeObserver) {
    new ResizeObserver(function () {
      document.documentElement.style.setProperty("--filter-height", filter.offsetHeight + "px");
    }).observe(filter);
  }
  if (byDept) { deptInput.addEventListener("input", apply); }
  wordInput.addEventListener("input", apply);
  if (planSelect) { planSelect.addEventListener("change", apply); }
  if (lightSelect) { lightSelect.addEventListener("change", apply); }
  // Folded reports are printed open, and folded again after.
  var folded = [];
  window.addEventListener("beforeprint", function () {
    folded = Array.prototype.filter.call(document.querySelectorAll("details.reports"), function (d) {
      return !d.open;
    });
    folded.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    folded.forEach(function (d) { d.open = false; });
    folded = [];
  });
  apply();
})();
