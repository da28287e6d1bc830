// Draws a dashboard from the JSON in <script id="dashboard-data">. Every widget card ends with data-rendered set to
// what it shows (number, chart, table, markdown) or "empty" (with the reason on the card), so a headless browser can check it.
(function () {
  'use strict';
  var model = JSON.parse(document.getElementById('dashboard-data').textContent);
  var portColors = {
    blue: '#3b82f6', turquoise: '#14b8a6', orange: '#f97316', purple: '#8b5cf6', pink: '#ec4899', yellow: '#eab308',
    green: '#22c55e', red: '#ef4444', gold: '#d4a017', silver: '#9ca3af', paleBlue: '#93c5fd', darkGray: '#4b5563',
    lightGray: '#d1d5db', bronze: '#b87333', lime: '#84cc16', olive: '#808000', brown: '#92400e'
  };
  var palette = ['#2563eb', '#16a34a', '#f59e0b', '#dc2626', '#7c3aed', '#0891b2', '#db2777', '#65a30d', '#ea580c', '#475569', '#0d9488', '#a16207', '#9333ea', '#64748b'];
  var semantic = { active: '#16a34a', inactive: '#f59e0b', never_used: '#dc2626', pending_cancellation: '#64748b', 'true': '#16a34a', 'false': '#dc2626' };

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  function formatNumber(n) {
    return typeof n === 'number' ? n.toLocaleString('en-US', { maximumFractionDigits: 2 }) : String(n);
  }

  function formatCell(value) {
    if (value === null || value === undefined) { return ''; }
    if (typeof value === 'boolean') { return value ? 'yes' : 'no'; }
    if (typeof value === 'number') { return formatNumber(value); }
    if (Array.isArray(value)) { return value.map(formatCell).join(', '); }
    if (typeof value === 'object') { return JSON.stringify(value); }
    var m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(value);
    if (m) { return m[2] === '00:00' ? m[1] : m[1] + ' ' + m[2]; }
    return String(value);
  }

  function columnTitle(column) {
    if (column === '$title') { return 'name'; }
    if (column === '$identifier') { return 'identifier'; }
    return column.replace(/_/g, ' ');
  }

  function header(card, widget) {
    var head = el('div', 'card-head');
    head.appendChild(el('h3', null, widget.title));
    card.appendChild(head);
    if (widget.description) { card.appendChild(el('p', 'desc', widget.description)); }
  }

  function empty(card, reason) {
    card.appendChild(el('div', 'empty', reason || 'No data.'));
    card.dataset.rendered = 'empty';
  }

  function chartDrawn(card, points) {
    return {
      id: 'markDrawn',
      afterRender: function () {
        card.dataset.rendered = 'chart';
        card.dataset.points = String(points);
      }
    };
  }

  function numberWidget(card, widget) {
    var value = el('div', 'kpi', widget.formatted);
    if (widget.color && portColors[widget.color]) { value.style.color = portColors[widget.color]; }
    card.appendChild(value);
    if (widget.message) { card.appendChild(el('div', 'kpi-note', widget.message)); }
    card.dataset.value = String(widget.value);
    card.dataset.rendered = 'number';
  }

  function lineWidget(card, widget) {
    var box = el('div', 'chart');
    var canvas = el('canvas');
    box.appendChild(canvas);
    card.appendChild(box);
    new Chart(canvas, {
      type: 'line',
      data: {
        labels: widget.labels,
        datasets: widget.series.map(function (s, i) {
          return {
            label: s.label.replace(/_/g, ' '), data: s.data, borderColor: palette[i % palette.length],
            backgroundColor: palette[i % palette.length], pointRadius: widget.labels.length > 40 ? 0 : 3, borderWidth: 2, tension: 0.2, spanGaps: false
          };
        })
      },
      options: {
        animation: false, responsive: true, maintainAspectRatio: false, interaction: { mode: 'index', intersect: false },
        plugins: { legend: { position: 'bottom', labels: { boxWidth: 12 } } },
        scales: {
          x: { title: { display: !!widget.xAxisTitle, text: widget.xAxisTitle }, ticks: { maxTicksLimit: 10 } },
          y: { beginAtZero: true, title: { display: !!widget.yAxisTitle, text: widget.yAxisTitle } }
        }
      },
      plugins: [chartDrawn(card, widget.points)]
    });
  }

  function pieWidget(card, widget) {
    var box = el('div', 'chart');
    var canvas = el('canvas');
    box.appendChild(canvas);
    card.appendChild(box);
    var colors = widget.labels.map(function (label, i) { return semantic[label] || palette[i % palette.length]; });
    var total = widget.values.reduce(function (a, b) { return a + b; }, 0);
    new Chart(canvas, {
      type: widget.kind === 'bar' ? 'bar' : 'doughnut',
      data: { labels: widget.labels.map(function (l) { return l.replace(/_/g, ' '); }), datasets: [{ data: widget.values, backgroundColor: colors }] },
      options: {
        animation: false, responsive: true, maintainAspectRatio: false,
        plugins: {
          legend: { display: widget.kind !== 'bar', position: 'right', labels: { boxWidth: 12,
            generateLabels: function (chart) {
              return Chart.overrides.doughnut.plugins.legend.labels.generateLabels(chart).map(function (item) {
                var v = widget.values[item.index];
                item.text = item.text + '  ' + formatNumber(v) + ' (' + Math.round(100 * v / total) + '%)';
                return item;
              });
            } } }
        }
      },
      plugins: [chartDrawn(card, widget.values.length)]
    });
  }

  function tableWidget(card, widget) {
    var wrap = el('div', 'table-wrap');
    var table = el('table');
    var thead = el('thead');
    var tr = el('tr');
    widget.columns.forEach(function (c) { tr.appendChild(el('th', null, columnTitle(c))); });
    thead.appendChild(tr);
    table.appendChild(thead);
    var tbody = el('tbody');
    widget.rows.forEach(function (row) {
      var r = el('tr');
      row.forEach(function (cell) {
        var td = el('td', typeof cell === 'number' ? 'num' : null, formatCell(cell));
        if (typeof cell === 'string' && semantic[cell]) { td.appendChild(el('span', 'dot')).style.background = semantic[cell]; }
        r.appendChild(td);
      });
      tbody.appendChild(r);
    });
    table.appendChild(tbody);
    wrap.appendChild(table);
    card.appendChild(wrap);
    card.appendChild(el('div', 'foot', widget.total > widget.rows.length
      ? 'Showing the first ' + formatNumber(widget.rows.length) + ' of ' + formatNumber(widget.total) + ' (Port shows them all).'
      : formatNumber(widget.total) + (widget.total === 1 ? ' row' : ' rows')));
    card.dataset.rows = String(widget.rows.length);
    card.dataset.rendered = 'table';
  }

  function widgetCard(widget, size) {
    var card = el('section', 'card kind-' + (widget.kind || 'unknown'));
    card.style.gridColumn = 'span ' + size;
    card.dataset.widget = widget.id;
    card.dataset.kind = widget.kind || 'unknown';
    card.dataset.rendered = 'pending';
    header(card, widget);
    try {
      if (widget.empty) { empty(card, widget.empty); }
      else if (widget.kind === 'number') { numberWidget(card, widget); }
      else if (widget.kind === 'line') { lineWidget(card, widget); }
      else if (widget.kind === 'pie' || widget.kind === 'bar') { pieWidget(card, widget); }
      else if (widget.kind === 'table') { tableWidget(card, widget); }
      else if (widget.kind === 'markdown') { card.appendChild(el('div', 'markdown', widget.markdown)); card.dataset.rendered = 'markdown'; }
      else { empty(card, 'This widget type is not drawn locally.'); }
    } catch (e) {
      card.dataset.rendered = 'error';
      card.appendChild(el('div', 'empty', 'Could not draw this widget: ' + e.message));
    }
    if (widget.note) { card.appendChild(el('div', 'foot warn', widget.note)); }
    return card;
  }

  function scorecardCard(scorecard) {
    var card = el('section', 'card kind-scorecard');
    card.style.gridColumn = 'span 4';
    card.dataset.widget = scorecard.id;
    card.dataset.kind = 'scorecard';
    header(card, { title: scorecard.title, description: 'Scorecard on ' + scorecard.blueprint + ': ' + formatNumber(scorecard.entities) + ' entities by level' });
    if (!scorecard.entities) { empty(card, 'No ' + scorecard.blueprint + ' entities yet.'); return card; }
    var box = el('div', 'chart short');
    var canvas = el('canvas');
    box.appendChild(canvas);
    card.appendChild(box);
    new Chart(canvas, {
      type: 'bar',
      data: {
        labels: [''],
        datasets: scorecard.levels.map(function (level) {
          return { label: level.title + '  ' + formatNumber(level.count), data: [level.count], backgroundColor: portColors[level.color] || '#94a3b8' };
        })
      },
      options: {
        indexAxis: 'y', animation: false, responsive: true, maintainAspectRatio: false,
        plugins: { legend: { position: 'bottom', labels: { boxWidth: 12 } } },
        scales: { x: { stacked: true, display: false }, y: { stacked: true, display: false } }
      },
      plugins: [chartDrawn(card, scorecard.levels.length)]
    });
    return card;
  }

  document.title = model.title;
  var root = document.getElementById('dashboard');
  var top = el('header', 'page-head');
  top.appendChild(el('h1', null, model.title));
  if (model.description) { top.appendChild(el('p', null, model.description)); }
  top.appendChild(el('p', 'meta', 'Computed from the local Port at ' + model.generatedAt + '. Hover a chart for exact values.'));
  root.appendChild(top);

  model.rows.forEach(function (row) {
    var grid = el('div', 'row');
    (row.columns || []).forEach(function (column) {
      var widget = model.widgets[column.id];
      if (widget) { grid.appendChild(widgetCard(widget, column.size || 12)); }
    });
    root.appendChild(grid);
  });

  if (model.scorecards && model.scorecards.length) {
    root.appendChild(el('h2', 'section', 'Scorecards'));
    var grid = el('div', 'row');
    model.scorecards.forEach(function (s) { grid.appendChild(scorecardCard(s)); });
    root.appendChild(grid);
  }
  document.body.dataset.rendered = 'done';
})();
