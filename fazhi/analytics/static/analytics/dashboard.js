// Supervision dashboards: draw ECharts from the page's json_script data (CSP: no inline scripts).
(function () {
  "use strict";
  var source = document.getElementById("chart-data");
  if (!source || typeof echarts === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var palette = ["#1d4e89", "#2f8f5b", "#c2410c", "#7c3aed", "#0e7490", "#a16207", "#be123c", "#4b5563", "#15803d"];
  var charts = [];

  function axisChart(el, labels, series, opts) {
    var chart = echarts.init(el, null, { renderer: "svg" });
    chart.setOption({
      color: palette,
      aria: { enabled: true },
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 36, bottom: opts && opts.rotate ? 96 : 32 },
      xAxis: { type: "category", data: labels, axisLabel: { rotate: opts && opts.rotate ? 40 : 0, interval: 0 } },
      yAxis: { type: "value", max: opts && opts.percent ? 100 : null, axisLabel: { formatter: opts && opts.percent ? "{value}%" : "{value}" } },
      series: series
    });
    return chart;
  }

  function linkOnClick(chart, links) {
    if (!links) { return; }
    chart.on("click", function (params) {
      var url = links[params.dataIndex];
      if (url) { window.location.href = url; }
    });
  }

  var draw = {
    trend: function (el) {
      var d = data.trend;
      var chart = axisChart(el, d.labels, [
        { name: "登记案件", type: "bar", data: d.cases },
        { name: "结案", type: "bar", data: d.closed },
        { name: "超期", type: "line", data: d.overdue }
      ]);
      linkOnClick(chart, d.links);
      return chart;
    },
    units: function (el) {
      var d = data.units;
      var chart = axisChart(el, d.labels, [
        { name: "登记案件", type: "bar", data: d.cases },
        { name: "结案", type: "bar", data: d.closed },
        { name: "超期", type: "bar", data: d.overdue }
      ], { rotate: true });
      linkOnClick(chart, d.links);
      return chart;
    },
    rates: function (el) {
      var d = data.rates;
      return axisChart(el, d.labels, [
        { name: "按时公示率", type: "bar", data: d.publicity },
        { name: "法制审核覆盖率", type: "bar", data: d.review },
        { name: "结案率", type: "line", data: d.closure }
      ], { rotate: true, percent: true });
    },
    registers: function (el) {
      var d = data.registers;
      return axisChart(el, d.labels, [
        { name: "持证率", type: "bar", data: d.certified },
        { name: "培训达标率", type: "bar", data: d.training }
      ], { rotate: true, percent: true });
    },
    types: function (el) {
      var chart = echarts.init(el, null, { renderer: "svg" });
      chart.setOption({
        color: palette,
        aria: { enabled: true },
        tooltip: { trigger: "item", formatter: "{b}：{c} 件（{d}%）" },
        legend: { type: "scroll", bottom: 0 },
        series: [{ type: "pie", radius: ["35%", "65%"], data: data.types, label: { formatter: "{b}\n{c}" } }]
      });
      return chart;
    }
  };

  document.querySelectorAll("[data-chart]").forEach(function (el) {
    var fn = draw[el.getAttribute("data-chart")];
    if (fn) { charts.push(fn(el)); }
  });
  window.addEventListener("resize", function () {
    charts.forEach(function (c) { c.resize(); });
  });
})();
