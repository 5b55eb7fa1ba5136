// The hall display: polls view.json every two seconds and redraws. Shows numbers only.
(function () {
  'use strict';
  var base = location.pathname.replace(/\/+$/, '');
  var view = null;
  var skew = 0; // server clock minus this machine's, so the countdown follows the server
  var POLL_MS = 2000;

  function $(id) { return document.getElementById(id); }
  function t(key) {
    var s = (view && view.text && view.text[key]) || key;
    var args = Array.prototype.slice.call(arguments, 1);
    return s.replace(/\{(\d+)\}/g, function (m, i) { return args[i] !== undefined ? args[i] : m; });
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = text; }
    return e;
  }
  function pct(n, of) { return of > 0 ? Math.min(100, 100 * n / of) : 0; }

  function render() {
    var v = view;
    document.documentElement.lang = v.lang;
    document.title = v.title;
    document.querySelectorAll('[data-text]').forEach(function (e) { e.textContent = t(e.getAttribute('data-text')); });
    $('title').textContent = v.title;
    $('unit').textContent = v.unit;
    $('state').textContent = v.stateLabel;
    $('state').className = 'state ' + v.state;
    document.body.className = v.state;

    $('present').textContent = v.checkedIn;
    $('summoned').textContent = v.summoned;
    $('present-fill').style.width = pct(v.checkedIn, v.summoned) + '%';
    $('quorum-line').style.left = 'calc(' + pct(v.quorum, v.summoned) + '% - .25vh)';
    var card = $('present-card');
    card.classList.toggle('quorum', v.quorumReached);
    card.classList.toggle('short', !v.quorumReached);
    $('quorum-note').textContent = v.quorumReached ? t('display.quorum.reached', v.quorum)
        : t('display.quorum.missing', v.quorum, v.quorum - v.checkedIn);

    $('returned').textContent = v.returned;
    $('issued').textContent = v.issued;
    $('returned-fill').style.width = pct(v.returned, v.issued) + '%';
    $('returned-note').textContent = v.state === 'draft' ? t('display.returned.notyet')
        : t('display.returned.share', Math.round(pct(v.returned, v.issued)));

    tick();
    renderResults(v.results);
    document.body.classList.remove('loading');
  }

  function tick() {
    if (!view) { return; }
    var card = $('deadline-card');
    if (!view.deadline) {
      $('countdown').textContent = '—';
      $('deadline-note').textContent = t('display.deadline.none');
      return;
    }
    var left = Date.parse(view.deadline) - (Date.now() + skew);
    var closed = view.state === 'closed';
    card.classList.toggle('expired', left <= 0 && !closed);
    if (closed) {
      $('countdown').textContent = view.stateLabel;
    } else if (left <= 0) {
      $('countdown').textContent = '0:00:00';
    } else {
      var s = Math.floor(left / 1000);
      var h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60, r = s % 60;
      $('countdown').textContent = h + ':' + (m < 10 ? '0' : '') + m + ':' + (r < 10 ? '0' : '') + r;
    }
    $('deadline-note').textContent = (left <= 0 && !closed) ? t('display.deadline.passed')
        : t('display.deadline.at', view.deadlineText || view.deadline);
  }

  function renderResults(results) {
    var section = $('results');
    if (!results) { section.hidden = true; return; }
    section.hidden = false;
    $('basis').textContent = results.basis;
    var head = $('results-head');
    head.textContent = '';
    head.appendChild(el('th', 'name', t('display.leader')));
    ['high', 'medium', 'low', 'blank'].forEach(function (c) { head.appendChild(el('th', c, t('choice.' + c))); });
    head.appendChild(el('th', 'name', t('display.verdict')));
    var body = $('results-rows');
    body.textContent = '';
    var chart = $('chart');
    chart.textContent = '';
    results.rows.forEach(function (row) {
      var tr = el('tr');
      tr.setAttribute('data-leader', row.index);
      var name = el('td', 'name');
      name.appendChild(el('b', null, row.index + '. ' + row.name));
      name.appendChild(el('span', null, row.position));
      tr.appendChild(name);
      var stack = el('div', 'stack');
      row.shares.forEach(function (s) {
        var td = el('td', s.choice);
        td.setAttribute('data-choice', s.choice);
        td.appendChild(el('b', null, s.count));
        td.appendChild(el('span', 'pct', s.percent));
        tr.appendChild(td);
        if (s.value > 0) {
          var seg = el('div', 'seg ' + s.choice, s.value >= 7 ? s.percent : '');
          seg.style.width = s.value + '%';
          stack.appendChild(seg);
        }
      });
      tr.appendChild(el('td', 'verdict ' + row.verdict, row.verdictText));
      body.appendChild(tr);
      var line = el('div', 'chart-row');
      line.appendChild(el('div', 'who', row.index + '. ' + row.name));
      line.appendChild(stack);
      chart.appendChild(line);
    });
    var legend = $('legend');
    legend.textContent = '';
    ['high', 'medium', 'low', 'blank'].forEach(function (c) {
      var item = el('span');
      item.appendChild(el('i', c));
      item.appendChild(document.createTextNode(t('choice.' + c)));
      legend.appendChild(item);
    });
  }

  function poll() {
    fetch(base + '/view.json', { cache: 'no-store', credentials: 'omit' })
      .then(function (r) { if (!r.ok) { throw new Error('HTTP ' + r.status); } return r.json(); })
      .then(function (v) {
        view = v;
        skew = Date.parse(v.now) - Date.now();
        $('offline').hidden = true;
        render();
      })
      .catch(function () {
        var o = $('offline');
        o.textContent = view ? t('display.offline') : 'Connection lost, retrying…';
        o.hidden = false;
      })
      .then(function () { setTimeout(poll, POLL_MS); });
  }

  setInterval(tick, 1000);
  poll();
})();
