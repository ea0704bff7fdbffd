// Draws the organiser dashboard's charts from the data-chart attributes (no inline script: CSP script-src 'self').
(function () {
  "use strict";
  var COLOURS = ["#00a3c4", "#f2b705", "#0b3d5c", "#1b7f3b", "#b3261e"];

  function draw(canvas) {
    var chart = JSON.parse(canvas.getAttribute("data-chart"));
    var datasets = chart.series.map(function (name, i) {
      return {
        label: name,
        data: chart.rows.map(function (row) { return row[i + 1]; }),
        backgroundColor: COLOURS[i % COLOURS.length]
      };
    });
    return new window.Chart(canvas, {
      type: chart.type,
      data: { labels: chart.rows.map(function (row) { return row[0]; }), datasets: datasets },
      options: { maintainAspectRatio: false, animation: false, indexAxis: chart.rows.length > 8 ? "y" : "x",
                 scales: { x: { ticks: { precision: 0 } }, y: { ticks: { precision: 0 } } },
                 plugins: { legend: { display: datasets.length > 1 } } }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (!window.Chart) { return; }
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      canvas.chart = draw(canvas);
      canvas.setAttribute("data-drawn", "1");
    });
  });
})();
