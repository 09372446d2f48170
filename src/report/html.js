(function () {
  'use strict';
  // The review page: filters, search, sort and pages over every finding; decisions
  // (confirmed, false alarm, ignored, with a note) kept in localStorage; keys; and
  // exports of the decisions, or of the false alarms as a baseline or as
  // ignore-patterns. Rows past the first page are kept as markup in a data block
  // and built when they are first shown. No network, no inline handlers.
  var doc = document, body = doc.body;
  doc.documentElement.classList.remove('nojs');
  var $ = function (id) { return doc.getElementById(id); };
  var all = function (sel, el) { return Array.prototype.slice.call((el || doc).querySelectorAll(sel)); };
  var fmt = function (n) { return n.toLocaleString('en-US'); };
  var tbody = doc.querySelector('table.pairs tbody');
  var q = $('q'), rule = $('rule'), sort = $('sort'), clean = $('clean');
  var status = $('status'), notice = $('notice'), empty = $('empty'), paging = $('paging');
  var pager = $('pager'), pageinfo = $('pageinfo'), tail = $('tail'), keys = $('keys');
  var sevBoxes = all('input[name=sev]'), catBoxes = all('input[name=cat]'), markBoxes = all('input[name=mark]');
  var inputs = [];
  try { inputs = JSON.parse(body.dataset.inputs || '[]'); } catch (e) { inputs = []; }
  var PAGE = parseInt(body.dataset.page, 10) || 0;
  var RANK = { error: 3, warning: 2, info: 1 };
  var MARKS = { confirmed: 'confirmed', 'false-alarm': 'false alarm', ignored: 'ignored' };

  function say(text) { notice.textContent = text; }

  // Decisions, by the finding's fingerprint (made unique within the run), for this
  // set of inputs: {key: {m: mark, n: note}}.
  var STORE = 'paracheck-triage:' + inputs.join('\n');
  var marks = {};
  try {
    marks = JSON.parse(localStorage.getItem(STORE) || '{}');
    if (!marks || typeof marks !== 'object' || Array.isArray(marks)) { marks = {}; }
  } catch (e) { marks = {}; }
  var storeTimer = null;
  function store(now) {
    clearTimeout(storeTimer);
    var write = function () {
      try { localStorage.setItem(STORE, JSON.stringify(marks)); } catch (e) { say('Decisions cannot be kept in this browser: ' + e.message); }
    };
    if (now) { write(); } else { storeTimer = setTimeout(write, 250); }
  }
  function decision(f) { var d = marks[f.key]; return d && typeof d === 'object' ? d : {}; }
  function markOf(f) { return MARKS[decision(f).m] ? decision(f).m : 'none'; }

  // The model: every row, rendered or not, with its findings.
  var rows = [], byId = {};
  function finding(r, id, sev, cat, code, fp, key, li) {
    var f = { r: r, id: id, sev: sev, cat: cat, code: code, fp: fp, key: key || fp, li: li, on: false };
    byId[id] = f;
    return f;
  }
  all('tr.row', tbody).forEach(function (tr) {
    var r = { i: rows.length, tr: tr, h: null, clean: tr.classList.contains('k-clean'), text: tr.textContent.toLowerCase(), esc: false, ready: false };
    r.fs = all('li.finding', tr).map(function (li) {
      var d = li.dataset;
      return finding(r, li.id, d.sev, d.cat, d.code, d.fp, d.key, li);
    });
    rows.push(r);
  });
  var lazyMeta = $('lazy-meta'), lazyRows = $('lazy-rows');
  if (lazyMeta && lazyRows) {
    var markup = lazyRows.textContent.split('</tr>');
    JSON.parse(lazyMeta.textContent).forEach(function (m, j) {
      var r = { i: rows.length, tr: null, h: markup[j] + '</tr>', clean: m[1] === 1, text: null, esc: false, ready: false };
      r.fs = m[2].map(function (x) { return finding(r, x[0], x[1], x[2], x[3], x[4], x[5], null); });
      rows.push(r);
    });
    lazyRows.remove();
    lazyMeta.remove();
  }
  var TOTAL = 0;
  rows.forEach(function (r) { TOTAL += r.fs.length; });

  // A row's element, built from its markup the first time, with its decision bars.
  var tpl = doc.createElement('template');
  function ready(r) {
    if (!r.tr) {
      tpl.innerHTML = r.h;
      r.tr = tpl.content.firstElementChild;
      tpl.innerHTML = '';
      r.h = null;
      if (r.text === null) { r.text = r.tr.textContent.toLowerCase(); r.esc = false; }
      var lis = all('li.finding', r.tr);
      r.fs.forEach(function (f, k) { f.li = lis[k]; });
    }
    if (!r.ready) { r.ready = true; r.fs.forEach(enhance); }
    return r.tr;
  }
  function enhance(f) {
    var bar = doc.createElement('div');
    bar.className = 'triage';
    bar.setAttribute('role', 'group');
    bar.setAttribute('aria-label', 'Decision on ' + f.code);
    Object.keys(MARKS).forEach(function (m) {
      var b = doc.createElement('button');
      b.type = 'button';
      b.dataset.mark = m;
      b.textContent = MARKS[m];
      b.setAttribute('aria-pressed', 'false');
      bar.appendChild(b);
    });
    var note = doc.createElement('input');
    note.type = 'text';
    note.className = 'note';
    note.placeholder = 'note';
    note.setAttribute('aria-label', 'Note on ' + f.code);
    bar.appendChild(note);
    f.li.appendChild(bar);
    paint(f);
  }
  function paint(f) {
    if (!f.li || !f.r.ready) { return; }
    var m = markOf(f), d = decision(f);
    f.li.dataset.mark = m;
    all('button[data-mark]', f.li).forEach(function (b) { b.setAttribute('aria-pressed', String(b.dataset.mark === m)); });
    var note = f.li.querySelector('input.note');
    if (note && doc.activeElement !== note) { note.value = typeof d.n === 'string' ? d.n : ''; }
  }

  // The search: the row's text (for rows not yet built, their markup without tags,
  // where the input's characters are escaped as the template escapes them) and the
  // notes of its findings.
  var ESC = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;', '/': '&#x2f;' };
  function escapeHtml(s) { return s.replace(/[&<>"'\/]/g, function (c) { return ESC[c]; }); }
  function matches(r, needle, esc) {
    if (r.text === null) { r.text = r.h.replace(/<[^>]*>/g, '').toLowerCase(); r.esc = true; }
    if (r.text.indexOf(r.esc ? esc : needle) >= 0) { return true; }
    return r.fs.some(function (f) {
      var n = decision(f).n;
      return typeof n === 'string' && n.toLowerCase().indexOf(needle) >= 0;
    });
  }

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
    if (markBoxes.some(function (b) { return !b.checked; })) { parts.push('mark=' + list(markBoxes)); }
    if (rule.value) { parts.push('rule=' + encodeURIComponent(rule.value)); }
    if (q.value) { parts.push('q=' + encodeURIComponent(q.value)); }
    if (clean && clean.checked) { parts.push('clean=1'); }
    if (sort.value !== 'file') { parts.push('sort=' + sort.value); }
    var hash = parts.length ? '#' + parts.join('&') : '';
    if (hash === location.hash || (!hash && !location.hash)) { return; }
    try { history.replaceState(null, '', hash || location.pathname + location.search); } catch (e) { /* some browsers on file: */ }
  }

  function decode(v) {
    try { return decodeURIComponent(v); } catch (e) { return v; }
  }

  // Reads the filters from the address: `#sev=error,warning&cat=number&mark=none&
  // rule=N001&q=text&clean=1&sort=severity`; what it does not name is reset.
  function load() {
    var h = location.hash.replace(/^#/, '');
    if (!/(^|&)(sev|cat|mark|rule|q|clean|sort)=/.test(h)) { return; }
    sevBoxes.concat(catBoxes, markBoxes).forEach(function (b) { b.checked = true; });
    rule.value = '';
    q.value = '';
    sort.value = 'file';
    if (clean) { clean.checked = false; }
    h.split('&').forEach(function (kv) {
      var i = kv.indexOf('=');
      if (i < 0) { return; }
      var k = kv.slice(0, i), v = decode(kv.slice(i + 1));
      var on = {};
      v.split(',').forEach(function (x) { on[x] = true; });
      if (k === 'sev') { sevBoxes.forEach(function (b) { b.checked = !!on[b.value]; }); }
      if (k === 'cat') { catBoxes.forEach(function (b) { b.checked = !!on[b.value]; }); }
      if (k === 'mark') { markBoxes.forEach(function (b) { b.checked = !!on[b.value]; }); }
      if (k === 'rule') { rule.value = v; if (rule.value !== v) { rule.value = ''; } }
      if (k === 'q') { q.value = v; }
      if (k === 'clean' && clean) { clean.checked = v === '1'; }
      if (k === 'sort' && (v === 'file' || v === 'severity')) { sort.value = v; }
    });
  }

  var pages = [[]], page = 0, shownFindings = 0, shownRows = 0;

  // Filters, sorts and pages the rows, then shows the current page. `keep` stays on
  // the current page (after a decision); a change of filters goes to the first.
  function apply(keep) {
    var sev = picked(sevBoxes), cat = picked(catBoxes), mk = picked(markBoxes), code = rule.value;
    var needle = q.value.trim().toLowerCase(), esc = escapeHtml(needle);
    var vis = [];
    shownFindings = 0;
    rows.forEach(function (r) {
      var n = 0, worst = 0;
      r.fs.forEach(function (f) {
        f.on = !!(sev[f.sev] && cat[f.cat] && (!code || f.code === code) && mk[markOf(f)]);
        if (f.on) { n += 1; worst = Math.max(worst, RANK[f.sev] || 0); }
      });
      var show = r.clean ? !!(clean && clean.checked && !code) : n > 0;
      if (show && needle) { show = matches(r, needle, esc); }
      if (show) { r.n = n; r.worst = worst; vis.push(r); shownFindings += n; }
    });
    if (sort.value === 'severity') {
      vis.sort(function (a, b) { return b.worst - a.worst || a.i - b.i; });
    }
    pages = [];
    var cur = [], weight = 0;
    vis.forEach(function (r) {
      var w = Math.max(1, r.n);
      if (PAGE && cur.length && weight + w > PAGE) { pages.push(cur); cur = []; weight = 0; }
      cur.push(r);
      weight += w;
    });
    pages.push(cur);
    shownRows = vis.length;
    page = keep ? Math.min(page, pages.length - 1) : 0;
    render();
    save();
  }

  function render() {
    var rowsHere = pages[page];
    rowsHere.forEach(ready);
    var kids = tbody.children;
    var same = kids.length === rowsHere.length && rowsHere.every(function (r, k) { return kids[k] === r.tr; });
    if (!same) {
      var frag = doc.createDocumentFragment();
      rowsHere.forEach(function (r) { frag.appendChild(r.tr); });
      tbody.replaceChildren(frag);
    }
    rowsHere.forEach(function (r) {
      r.tr.hidden = false;
      var on = {};
      r.fs.forEach(function (f) { f.li.hidden = !f.on; if (f.on) { on[f.id] = true; } });
      all('mark[data-f]', r.tr).forEach(function (m) {
        m.classList.toggle('off', !m.dataset.f.split(' ').some(function (id) { return on[id]; }));
      });
    });
    status.textContent = 'showing ' + fmt(shownFindings) + ' of ' + fmt(TOTAL) + ' findings in ' + fmt(shownRows) + ' rows';
    empty.hidden = shownRows > 0;
    var paged = pages.length > 1;
    pager.hidden = !paged;
    tail.hidden = !(paged && page < pages.length - 1);
    if (paged) {
      var here = 0;
      rowsHere.forEach(function (r) { here += r.n; });
      pageinfo.textContent = 'page ' + (page + 1) + ' of ' + pages.length;
      $('prev').disabled = page === 0;
      $('next').disabled = page === pages.length - 1;
      if (paging) {
        paging.textContent = 'This report has ' + fmt(TOTAL) + ' findings. To stay fast it shows ' + fmt(PAGE) +
          ' at a time: this is page ' + (page + 1) + ' of ' + pages.length + ' (' + fmt(here) + ' findings of the ' +
          fmt(shownFindings) + ' that match). Use ‹ › or the ] and [ keys for the other pages, the filters and the search to narrow them; ' +
          '--html-max-findings N sets the page size (0 shows all at once).';
      }
    } else if (paging) {
      paging.textContent = 'This report has ' + fmt(TOTAL) + ' findings; the ' + fmt(shownFindings) +
        ' that match fit on one page (--html-max-findings sets the page size).';
    }
    counts();
  }

  function goPage(p) {
    if (p < 0 || p >= pages.length || p === page) { return false; }
    page = p;
    render();
    var main = $('findings');
    if (main.getBoundingClientRect().top < 0) { main.scrollIntoView(); }
    return true;
  }

  function counts() {
    var c = { none: 0, confirmed: 0, 'false-alarm': 0, ignored: 0 };
    rows.forEach(function (r) { r.fs.forEach(function (f) { c[markOf(f)] += 1; }); });
    all('[data-count]').forEach(function (el) { el.textContent = fmt(c[el.dataset.count]); });
  }

  // Keyboard: the current finding is the focused one.
  var current = null;
  function visibleFindings() {
    var out = [];
    pages[page].forEach(function (r) { r.fs.forEach(function (f) { if (f.on) { out.push(f); } }); });
    return out;
  }
  function focusFinding(f) {
    if (!f) { return; }
    current = f;
    f.li.focus({ preventScroll: true });
    f.li.scrollIntoView({ block: 'center' });
  }
  function move(step) {
    var here = visibleFindings();
    var k = current ? here.indexOf(current) : -1;
    if (k < 0) { focusFinding(step > 0 ? here[0] : here[here.length - 1]); return; }
    var t = k + step;
    if (t >= here.length) {
      if (goPage(page + 1)) { focusFinding(visibleFindings()[0]); } else { say('This is the last finding.'); }
      return;
    }
    if (t < 0) {
      if (goPage(page - 1)) { here = visibleFindings(); focusFinding(here[here.length - 1]); } else { say('This is the first finding.'); }
      return;
    }
    focusFinding(here[t]);
  }

  // Sets or clears (`m` empty, or the mark it has) a finding's decision.
  function setMark(f, m) {
    var d = decision(f), had = markOf(f);
    var next = !m || had === m ? '' : m;
    var here = visibleFindings(), k = here.indexOf(f);
    var wasFocused = f.li && f.li.contains(doc.activeElement);
    if (next) { d.m = next; } else { delete d.m; }
    if (!d.m && !d.n) { delete marks[f.key]; } else { marks[f.key] = d; }
    store(true);
    paint(f);
    apply(true);
    say(f.code + ' ' + (next ? 'marked ' + MARKS[next] : 'unmarked'));
    if (!f.on || pages[page].indexOf(f.r) < 0) {
      // The decision filter hides it now: on to the next one.
      var now = visibleFindings();
      var nextF = here.slice(k + 1).filter(function (x) { return now.indexOf(x) >= 0; })[0] || now[now.length - 1];
      if (wasFocused && nextF) { focusFinding(nextF); }
    }
  }

  function hot(li, on) {
    var tr = li.closest('tr');
    if (!tr) { return; }
    all('mark[data-f~="' + li.id + '"]', tr).forEach(function (m) { m.classList.toggle('hot', on); });
    li.classList.toggle('hot', on);
  }

  // Exports.
  function info(f) {
    var tr = ready(f.r), li = f.li, d = decision(f);
    return {
      fingerprint: f.fp, code: f.code, rule: li.querySelector('.rn').textContent,
      severity: f.sev, category: f.cat, file: tr.dataset.file, line: +tr.dataset.line,
      pair_index: +tr.dataset.pair, pair_id: tr.dataset.id === undefined ? null : tr.dataset.id,
      message: li.querySelector('.msg').textContent,
      decision: MARKS[d.m] ? d.m : '', note: typeof d.n === 'string' ? d.n : ''
    };
  }
  function decided(onlyFalseAlarms) {
    var out = [];
    rows.forEach(function (r) {
      r.fs.forEach(function (f) {
        var d = marks[f.key];
        if (!d) { return; }
        if (onlyFalseAlarms ? markOf(f) === 'false-alarm' : (markOf(f) !== 'none' || d.n)) { out.push(info(f)); }
      });
    });
    return out;
  }
  // A spreadsheet would run text starting with = + - @ as a formula: defused with '.
  function cell(v, text) {
    var s = v === null || v === undefined ? '' : String(v);
    if (text && /^[=+\-@\t\r]/.test(s)) { s = "'" + s; }
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }
  var COLUMNS = ['file', 'line', 'pair_index', 'pair_id', 'severity', 'code', 'rule', 'category', 'decision', 'note', 'message', 'fingerprint'];
  var TEXT = { file: true, pair_id: true, note: true, message: true };
  function oneLine(s) { return s.replace(/[\u0000-\u001f\u007f]+/g, ' '); }
  var EXPORTS = {
    csv: function () {
      var ds = decided(false);
      var lines = [COLUMNS.join(',')].concat(ds.map(function (d) {
        return COLUMNS.map(function (c) { return cell(d[c], TEXT[c]); }).join(',');
      }));
      return { name: 'paracheck-decisions.csv', type: 'text/csv', n: ds.length, text: lines.join('\r\n') + '\r\n' };
    },
    json: function () {
      var ds = decided(false);
      var out = { paracheck: { decisions: 1, version: body.dataset.version || '' }, inputs: inputs, decisions: ds };
      return { name: 'paracheck-decisions.json', type: 'application/json', n: ds.length, text: JSON.stringify(out, null, 2) + '\n' };
    },
    baseline: function () {
      var ds = decided(true);
      var out = {
        paracheck: { baseline: 1 },
        findings: ds.map(function (d) { return { fingerprint: d.fingerprint, code: d.code, file: d.file, message: d.message }; })
      };
      return { name: 'paracheck-baseline.json', type: 'application/json', n: ds.length, alarms: true, text: JSON.stringify(out, null, 2) + '\n' };
    },
    toml: function () {
      var ds = decided(true), seen = {};
      var lines = [
        '# Findings marked as false alarms in the paracheck HTML report of ' + oneLine(inputs.join(', ')) + '.',
        '# In paracheck.toml, add these fingerprints to the [ignore-patterns] table',
        '# (or keep the table as it is here when the file has none).',
        '[ignore-patterns]',
        'fingerprint = ['
      ];
      ds.forEach(function (d) {
        if (seen[d.fingerprint]) { return; }
        seen[d.fingerprint] = true;
        var about = oneLine(d.code + ' ' + d.file + ':' + d.line + ' ' + d.message + (d.note ? ' (' + d.note + ')' : ''));
        lines.push('  "' + d.fingerprint + '",  # ' + (about.length > 160 ? about.slice(0, 159) + '…' : about));
      });
      lines.push(']');
      return { name: 'paracheck-ignore-patterns.toml', type: 'application/toml', n: ds.length, alarms: true, text: lines.join('\n') + '\n' };
    }
  };
  function download(x) {
    var url = URL.createObjectURL(new Blob([x.text], { type: x.type + ';charset=utf-8' }));
    var a = doc.createElement('a');
    a.href = url;
    a.download = x.name;
    a.hidden = true;
    body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
  }
  function exportAs(kind) {
    var x = EXPORTS[kind]();
    if (x.n === 0) {
      say(x.alarms ? 'No finding is marked false alarm: nothing to export.' : 'No finding has a decision or a note yet: nothing to export.');
      return;
    }
    download(x);
    say('Exported ' + fmt(x.n) + (x.alarms ? ' false alarms' : ' decisions') + ' to ' + x.name + '.');
  }

  // Events.
  var timer = null;
  q.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(function () { apply(false); }, rows.length > 2000 ? 150 : 0);
  });
  sevBoxes.concat(catBoxes, markBoxes).forEach(function (b) { b.addEventListener('change', function () { apply(false); }); });
  rule.addEventListener('change', function () { apply(false); });
  sort.addEventListener('change', function () { apply(false); });
  if (clean) { clean.addEventListener('change', function () { apply(false); }); }
  $('prev').addEventListener('click', function () { goPage(page - 1); });
  $('next').addEventListener('click', function () { goPage(page + 1); });
  $('next2').addEventListener('click', function () { goPage(page + 1); });
  all('button[data-export]').forEach(function (b) {
    b.addEventListener('click', function () { exportAs(b.dataset.export); });
  });
  var nav = $('filters'), more = $('more');
  more.addEventListener('click', function () {
    var open = nav.classList.toggle('open');
    more.setAttribute('aria-expanded', String(open));
  });
  function help() {
    if (keys.open) { keys.close(); } else if (keys.showModal) { keys.showModal(); } else { keys.setAttribute('open', ''); }
  }
  $('help').addEventListener('click', help);
  $('keys-close').addEventListener('click', function () { keys.close(); });

  tbody.addEventListener('click', function (e) {
    var b = e.target.closest('button[data-mark]');
    if (b) { setMark(byId[b.closest('li.finding').id], b.dataset.mark); return; }
    // A highlight leads to its finding.
    var m = e.target.closest('mark[data-f]');
    if (m) {
      var f = m.dataset.f.split(' ').map(function (id) { return byId[id]; }).filter(function (x) { return x && x.on; })[0];
      if (f) { focusFinding(f); }
    }
  });
  tbody.addEventListener('input', function (e) {
    var t = e.target;
    if (!t.classList.contains('note')) { return; }
    var f = byId[t.closest('li.finding').id], d = decision(f);
    if (t.value) { d.n = t.value; } else { delete d.n; }
    if (!d.m && !d.n) { delete marks[f.key]; } else { marks[f.key] = d; }
    store(false);
  });
  tbody.addEventListener('focusin', function (e) {
    var li = e.target.closest('li.finding');
    if (li && byId[li.id]) { current = byId[li.id]; hot(li, true); }
  });
  tbody.addEventListener('focusout', function (e) {
    var li = e.target.closest('li.finding');
    if (li && !li.contains(e.relatedTarget)) { hot(li, false); }
  });
  var hoverLi = null;
  tbody.addEventListener('mouseover', function (e) {
    var li = e.target.closest('li.finding');
    if (li === hoverLi) { return; }
    if (hoverLi && !hoverLi.contains(doc.activeElement)) { hot(hoverLi, false); }
    hoverLi = li;
    if (li) { hot(li, true); }
  });
  tbody.addEventListener('mouseleave', function () {
    if (hoverLi && !hoverLi.contains(doc.activeElement)) { hot(hoverLi, false); }
    hoverLi = null;
  });
  window.addEventListener('pagehide', function () { store(true); });

  var KEYS = { c: 'confirmed', f: 'false-alarm', i: 'ignored', u: '' };
  doc.addEventListener('keydown', function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) { return; }
    var t = e.target;
    if (t.classList && t.classList.contains('note')) {
      if (e.key === 'Enter' || e.key === 'Escape') { e.preventDefault(); store(true); t.closest('li.finding').focus(); }
      return;
    }
    if (t === q) {
      if (e.key === 'Escape') { q.value = ''; apply(false); }
      return;
    }
    if (/^(INPUT|SELECT|TEXTAREA)$/.test(t.tagName) && t.type !== 'checkbox') { return; }
    if (keys.open) {
      if (e.key === '?') { e.preventDefault(); keys.close(); }
      return;
    }
    var live = current && current.on && current.li && current.li.isConnected;
    switch (e.key) {
      case '/': e.preventDefault(); q.focus(); break;
      case 'j': case 'n': e.preventDefault(); move(1); break;
      case 'k': case 'p': e.preventDefault(); move(-1); break;
      case ']': e.preventDefault(); goPage(page + 1); break;
      case '[': e.preventDefault(); goPage(page - 1); break;
      case '?': e.preventDefault(); help(); break;
      case 'e':
        if (live) { e.preventDefault(); current.li.querySelector('input.note').focus(); }
        break;
      default:
        if (Object.prototype.hasOwnProperty.call(KEYS, e.key)) {
          if (!live) { say('Pick a finding first: j or n goes to the next one.'); return; }
          e.preventDefault();
          setMark(current, KEYS[e.key]);
        }
    }
  });
  window.addEventListener('hashchange', function () { load(); apply(false); });
  load();
  apply(false);
}());
