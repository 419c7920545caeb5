// Draws the dashboard charts with the vendored ECharts from the JSON the page embeds.
(function () {
  "use strict";
  function draw() {
    var node = document.getElementById("dashboard-data");
    if (!node || !window.echarts) { return; }
    var data = JSON.parse(node.textContent);
    function chart(id, option) {
      var el = document.getElementById(id);
      if (el) { option.animation = false; window.echarts.init(el).setOption(option); }
    }
    var pie = function (items) {
      return { tooltip: { trigger: "item" }, legend: { type: "scroll", bottom: 0 },
        series: [{ type: "pie", radius: ["30%", "55%"], center: ["50%", "44%"], data: items,
          label: { formatter: "{b}: {c}" } }] };
    };
    var bars = function (labels, counts, color) {
      return { tooltip: {}, grid: { left: 40, right: 16, top: 16, bottom: 30 },
        xAxis: { type: "category", data: labels }, yAxis: { type: "value", minInterval: 1 },
        series: [{ type: "bar", data: counts, itemStyle: { color: color } }] };
    };
    chart("chart-status", pie(data.status_counts.filter(function (s) { return s.value > 0; })));
    chart("chart-grade", pie(data.grade_counts));
    chart("chart-score", bars(data.score_bins.labels, data.score_bins.counts, "#0b5394"));
    chart("chart-rate", bars(data.rate_bins.labels, data.rate_bins.counts, "#067647"));
  }
  document.addEventListener("DOMContentLoaded", draw);
})();
