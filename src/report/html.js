(function () {
  'use strict';
  var all = function (sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); };
  var q = document.getElementById('q');
  var rule = document.getElementById('rule');
  var clean = document.getElementById('clean');
  var status = document.getElementById('status');
  var empty = document.getElementById('empty');
  var sevBoxes = all('input[name=sev]');
  var catBoxes = all('input[name=cat]');
  var rows = all('tbody tr.row').map(function (tr) {
    return {
      tr: tr,
      clean: tr.classList.contains('k-clean'),
      findings: all('li.finding', tr),
      marks: all('mark[data-f]', tr),
      text: tr.textContent.toLowerCase()
    };
  });
  var total = 0;
  rows.forEach(function (r) { total += r.findings.length; });

  function picked(boxes) {
    var set = {};
    boxes.forEach(function (b) { if (b.checked) { set[b.value] = true; } });
    return set;
  }

  function list(boxes) {
    return boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; }).join(',');
  }

  function save() {
    var parts = [];
    if (sevBoxes.some(function (b) { return !b.checked; })) { parts.push('sev=' + list(sevBoxes)); }
    if (catBoxes.some(function (b) { return !b.checked; })) { parts.push('cat=' + list(catBoxes)); }
    if (rule.value) { parts.push('rule=' + encodeURIComponent(rule.value)); }
    if (q.value) { parts.push('q=' + encodeURIComponent(q.value)); }
    if (clean && clean.checked) { parts.push('clean=1'); }
    var hash = parts.length ? '#' + parts.join('&') : ' ';
    try { history.replaceState(null, '', hash === ' ' ? location.pathname + location.search : hash); } catch (e) { /* file: URLs in some browsers */ }
  }

  // Reads the filters from the address: `#sev=error,warning&cat=number&rule=N001&q=text&clean=1`;
  // what it does not name is reset.
  function load() {
    var h = location.hash.replace(/^#/, '');
    if (!/(^|&)(sev|cat|rule|q|clean)=/.test(h)) { return; }
    sevBoxes.concat(catBoxes).forEach(function (b) { b.checked = true; });
    rule.value = '';
    q.value = '';
    if (clean) { clean.checked = false; }
    h.split('&').forEach(function (kv) {
      var i = kv.indexOf('=');
      if (i < 0) { return; }
      var k = kv.slice(0, i), v = decodeURIComponent(kv.slice(i + 1));
      var on = {};
      v.split(',').forEach(function (x) { on[x] = true; });
      if (k === 'sev') { sevBoxes.forEach(function (b) { b.checked = !!on[b.value]; }); }
      if (k === 'cat') { catBoxes.forEach(function (b) { b.checked = !!on[b.value]; }); }
      if (k === 'rule') { rule.value = v; }
      if (k === 'q') { q.value = v; }
      if (k === 'clean' && clean) { clean.checked = v === '1'; }
    });
  }

  function apply() {
    var sev = picked(sevBoxes), cat = picked(catBoxes), code = rule.value;
    var needle = q.value.trim().toLowerCase();
    var shownFindings = 0, shownRows = 0;
    rows.forEach(function (r) {
      var visible = 0, on = {};
      r.findings.forEach(function (li) {
        var ok = !!(sev[li.dataset.sev] && cat[li.dataset.cat] && (!code || li.dataset.code === code));
        li.hidden = !ok;
        if (ok) { visible += 1; on[li.id] = true; }
      });
      r.marks.forEach(function (m) {
        m.classList.toggle('off', !m.dataset.f.split(' ').some(function (id) { return on[id]; }));
      });
      var show = r.clean ? !!(clean && clean.checked && !code) : visible > 0;
      if (show && needle) { show = r.text.indexOf(needle) >= 0; }
      r.tr.hidden = !show;
      if (show) { shownRows += 1; shownFindings += visible; }
    });
    status.textContent = 'showing ' + shownFindings + ' of ' + total + ' findings in ' + shownRows + ' rows';
    empty.hidden = shownRows > 0;
    save();
  }

  var timer = null;
  q.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(apply, rows.length > 2000 ? 150 : 0);
  });
  sevBoxes.concat(catBoxes).forEach(function (b) { b.addEventListener('change', apply); });
  rule.addEventListener('change', apply);
  if (clean) { clean.addEventListener('change', apply); }
  document.addEventListener('keydown', function (e) {
    if (e.key === '/' && document.activeElement !== q) { e.preventDefault(); q.focus(); }
    if (e.key === 'Escape' && document.activeElement === q) { q.value = ''; apply(); }
  });
  // Pointing at a finding outlines its spans on both sides, and the reverse.
  function hot(ids, on) {
    ids.split(' ').forEach(function (id) {
      all('mark[data-f~="' + id + '"]').forEach(function (m) { m.classList.toggle('hot', on); });
    });
  }
  all('li.finding').forEach(function (li) {
    li.addEventListener('mouseenter', function () { hot(li.id, true); });
    li.addEventListener('mouseleave', function () { hot(li.id, false); });
  });
  window.addEventListener('hashchange', function () { load(); apply(); });
  load();
  apply();
}());
