// Draws every chart of report.html with uPlot from the JSON in #pf-charts (one ChartSpec each).
// Each series keeps its own x values; uPlot.join aligns them on one x table (null where a series has no point).
(function () {
  var specs = JSON.parse(document.getElementById('pf-charts').textContent);
  specs.forEach(function (spec) {
    var host = document.querySelector('[data-chart="' + spec.name + '"]');
    if (!host) { throw new Error('no element for chart ' + spec.name); }
    var bars = spec.categories.length > 0;
    var n = spec.series.length;
    // Bars of one category side by side: each series shifted by its slot within the category.
    var slot = bars ? 0.8 / Math.max(1, n) : 0;
    var tables = spec.series.map(function (s, i) {
      var shift = bars ? (i - (n - 1) / 2) * slot : 0;
      return [s.x.map(function (v) { return v + shift; }), s.y];
    });
    var data = tables.length ? uPlot.join(tables) : [[]];
    var series = [{
      label: spec.xLabel,
      value: function (u, v) { return v == null ? '--' : bars ? spec.categories[Math.round(v)] : fmt(v); }
    }];
    spec.series.forEach(function (s) {
      series.push({
        label: s.name, stroke: s.colour, width: s.style === 'POINTS' ? 0 : 2, spanGaps: s.style !== 'POINTS',
        fill: bars ? s.colour : undefined,
        dash: s.style === 'DASHED_LINE' ? [6, 4] : undefined,
        points: { show: s.style === 'LINE_WITH_POINTS' || s.style === 'POINTS' || undefined, size: s.style === 'POINTS' ? 10 : undefined },
        // Bars for a bar chart; marks only, no line joining them, for points (break-even rates).
        paths: bars ? uPlot.paths.bars({ size: [slot * 0.9, Infinity], align: 0 })
          : s.style === 'POINTS' ? function () { return null; } : undefined,
        value: function (u, v) { return v == null ? '--' : fmt(v); }
      });
    });
    var xScale = { time: false };
    if (spec.xLog) { xScale.distr = 3; }
    if (bars) { xScale.range = [-0.5, spec.categories.length - 0.5]; }
    var yScale = spec.yLog ? { distr: 3 } : { range: function (u, min, max) { return [Math.min(0, min), max > 0 ? max * 1.05 : 1]; } };
    var xAxis = { label: spec.xLabel };
    if (bars) {
      xAxis.splits = function () { return spec.categories.map(function (c, i) { return i; }); };
      xAxis.values = function (u, splits) { return splits.map(function (i) { return spec.categories[i]; }); };
    }
    new uPlot({
      title: spec.title,
      width: Math.min(880, host.parentElement.clientWidth || 880),
      height: 360,
      // Drag-zoom only along a run's seconds (double-click resets); elsewhere a drag would only lose the view.
      cursor: { drag: { x: spec.timeAxis, y: false }, dataIdx: nearestPoint },
      scales: { x: xScale, y: yScale },
      axes: [xAxis, { label: spec.yLabel }],
      series: series
    }, data, host);
  });

  // The cursor picks, per series, its nearest point with a value: series need not share x values.
  function nearestPoint(u, seriesIdx, idx) {
    var ys = u.data[seriesIdx];
    if (seriesIdx === 0 || ys[idx] != null) { return idx; }
    var xs = u.data[0], best = idx, bestDist = Infinity;
    for (var i = 0; i < ys.length; i++) {
      if (ys[i] != null && Math.abs(xs[i] - xs[idx]) < bestDist) { best = i; bestDist = Math.abs(xs[i] - xs[idx]); }
    }
    return best;
  }

  function fmt(v) {
    return Math.abs(v) >= 100 || v === Math.round(v) ? String(Math.round(v * 10) / 10) : v.toPrecision(3);
  }
})();
