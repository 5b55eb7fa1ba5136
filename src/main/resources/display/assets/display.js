// The hall display: polls view.json every two seconds and redraws. Shows numbers only.
// After close the results page themselves: as many rows as fit the screen, then the chart,
// a page every few seconds (?page-seconds=N in the address changes it, 8 by default), so
// nothing scrolls.
(function () {
  'use strict';
  var base = location.pathname.replace(/\/+$/, '');
  var view = null;
  var skew = 0; // server clock minus this machine's, so the countdown follows the server
  var POLL_MS = 2000;
  var PAGE_MS = pageMs();
  var pages = []; // [{kind: 'table' | 'chart', items: [row index...]}]
  var pageAt = 0;
  var pageTimer = null;
  var resultsKey = null;
  // ?lang=en in the page's address asks for the page in that language (default: the vote's).
  var lang = /[?&]lang=([A-Za-z-]{2,12})(&|$)/.exec(location.search);
  var VIEW = base + '/view.json' + (lang ? '?lang=' + lang[1] : '');

  function pageMs() {
    var m = /[?&]page-seconds=([0-9.]+)/.exec(location.search);
    var s = m ? parseFloat(m[1]) : 8;
    return Math.max(100, (isFinite(s) && s > 0 ? s : 8) * 1000);
  }
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
  function each(list, f) { Array.prototype.forEach.call(list, f); }

  // Shrinks a one-line number until it fits its box (a countdown of 10:51:31 in a 4:3 card).
  function fit(e) {
    e.style.fontSize = '';
    var room = e.clientWidth;
    if (room > 0 && e.scrollWidth > room) {
      var size = parseFloat(getComputedStyle(e).fontSize);
      e.style.fontSize = Math.floor(size * room / e.scrollWidth * 0.97) + 'px';
    }
  }
  function fitAll() { each(document.querySelectorAll('.fit'), fit); }

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
    $('quorum-line').style.left = 'calc(' + pct(v.quorum, v.summoned) + '% - var(--u) * .25)';
    var card = $('present-card');
    card.classList.toggle('quorum', v.quorumReached);
    card.classList.toggle('short', !v.quorumReached);
    $('quorum-note').textContent = v.quorumReached ? t('display.quorum.reached', v.quorum)
        : t('display.quorum.missing', v.quorum, v.quorum - v.checkedIn);

    $('returned').textContent = v.returned;
    $('issued').textContent = v.issued;
    $('returned-fill').style.width = pct(v.returned, v.issued) + '%';
    $('returned-note').textContent = v.state === 'draft' ? t('display.returned.notyet')
        : t('display.returned.share', v.returnedShare);

    tick();
    renderResults(v.results);
    fitAll();
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
    fit($('countdown'));
    $('deadline-note').textContent = (left <= 0 && !closed) ? t('display.deadline.passed')
        : t('display.deadline.at', view.deadlineText || view.deadline);
  }

  function renderResults(results) {
    var section = $('results');
    if (!results) {
      section.hidden = true;
      resultsKey = null;
      pages = [];
      clearTimeout(pageTimer);
      return;
    }
    section.hidden = false;
    // The page polls every two seconds; the same results keep the page on show.
    var key = view.lang + JSON.stringify(results);
    if (key === resultsKey) { return; }
    resultsKey = key;
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
          var seg = el('div', 'seg ' + s.choice);
          seg.setAttribute('data-label', s.percent);
          seg.title = t('choice.' + s.choice) + ': ' + s.percent;
          seg.style.width = s.value + '%';
          stack.appendChild(seg);
        }
      });
      tr.appendChild(el('td', 'verdict ' + row.verdict, row.verdictText));
      body.appendChild(tr);
      var line = el('div', 'chart-row');
      line.setAttribute('data-leader', row.index);
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
    pageAt = 0;
    paginate();
  }

  // Splits the rows, then the chart's lines, into pages of what fits the screen, by their
  // measured heights (a long name or verdict makes a row taller).
  function paginate() {
    clearTimeout(pageTimer);
    pages = [];
    if (!resultsKey) { return; }
    // Measured with a page number of the widest kind shown, as it will be.
    $('page').textContent = t('display.page', 88, 88);
    split('table', $('results-rows').children, function () {
      return $('pages').clientHeight - $('table').tHead.getBoundingClientRect().height;
    }, 0);
    var chart = $('chart');
    split('chart', chart.children, function () {
      return $('pages').clientHeight - parseFloat(getComputedStyle(chart).paddingTop);
    }, parseFloat(getComputedStyle(chart).rowGap) || 0);
    pageAt = Math.min(pageAt, pages.length - 1);
    show(pageAt);
  }

  function split(kind, items, room, gap) {
    $('results').classList.toggle('show-chart', kind === 'chart');
    each(items, function (e) { e.classList.remove('gone'); });
    each(items, label);
    var left = room();
    var page = null, used = 0;
    each(items, function (e, i) {
      var h = e.getBoundingClientRect().height;
      if (!page || used + h > left + 0.5) {
        page = { kind: kind, items: [] };
        pages.push(page);
        used = 0;
      }
      page.items.push(i);
      used += h + gap;
    });
  }

  // A share's percentage is written in its bar only where it fits.
  function label(line) {
    each(line.querySelectorAll('.seg'), function (seg) { seg.textContent = seg.getAttribute('data-label'); });
  }
  function unlabelOverflowing(line) {
    each(line.querySelectorAll('.seg'), function (seg) {
      if (seg.scrollWidth > seg.clientWidth) { seg.textContent = ''; }
    });
  }

  function show(n) {
    var page = pages[n];
    if (!page) { return; }
    var chart = page.kind === 'chart';
    $('results').classList.toggle('show-chart', chart);
    $('results-title').textContent = t(chart ? 'display.chart' : 'display.results');
    var items = chart ? $('chart').children : $('results-rows').children;
    each(items, function (e, i) { e.classList.toggle('gone', page.items.indexOf(i) < 0); });
    if (chart) {
      each(items, function (e, i) { if (page.items.indexOf(i) >= 0) { label(e); unlabelOverflowing(e); } });
    }
    $('page').textContent = pages.length > 1 ? t('display.page', n + 1, pages.length) : '';
    $('page').setAttribute('data-page', n + 1);
    $('page').setAttribute('data-pages', pages.length);
    if (pages.length > 1) {
      pageTimer = setTimeout(function () {
        pageAt = (pageAt + 1) % pages.length;
        show(pageAt);
      }, PAGE_MS);
    }
  }

  // The footer's warning may take a second line: the pages are measured again when it comes and goes.
  function offline(shown) {
    var o = $('offline');
    if (o.hidden === !shown) { return; }
    o.hidden = !shown;
    if (resultsKey) { paginate(); }
  }

  function poll() {
    fetch(VIEW, { cache: 'no-store', credentials: 'omit' })
      .then(function (r) { if (!r.ok) { throw new Error('HTTP ' + r.status); } return r.json(); })
      .then(function (v) {
        view = v;
        skew = Date.parse(v.now) - Date.now();
        offline(false);
        render();
      })
      .catch(function () {
        $('offline').textContent = view ? t('display.offline') : 'Connection lost, retrying…';
        offline(true);
      })
      .then(function () { setTimeout(poll, POLL_MS); });
  }

  // A projector's resolution set after the page opened: the pages and the big numbers follow.
  var resizing = null;
  window.addEventListener('resize', function () {
    clearTimeout(resizing);
    resizing = setTimeout(function () {
      if (!view) { return; }
      fitAll();
      paginate();
    }, 100);
  });

  setInterval(tick, 1000);
  poll();
})();
