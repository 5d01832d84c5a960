// A finding's link to a project opens that project's targets.
(function () {
  "use strict";
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && document.getElementById(id);
    if (el && el.tagName === "DETAILS") el.open = true;
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();
})();

// Charts of the report page, drawn from the JSON the server put in #chart-data.
(function () {
  "use strict";
  var node = document.getElementById("chart-data");
  if (!node || typeof echarts === "undefined") return;
  var data = JSON.parse(node.textContent);

  // The table beside the treemap: the same figures, readable without the chart.
  var body = document.getElementById("classes-body");
  data.classes.forEach(function (c) {
    var tr = document.createElement("tr");
    [c[0], c[1], c[2].toFixed(2)].forEach(function (v, i) {
      var cell = document.createElement(i === 1 ? "th" : "td");
      if (i === 1) cell.scope = "row";
      if (i === 2) cell.className = "num";
      cell.textContent = v;
      tr.appendChild(cell);
    });
    body.appendChild(tr);
  });

  function chart(id, option) {
    var el = document.getElementById(id);
    if (!el) return;
    var c = echarts.init(el, null, { renderer: "svg" });
    c.setOption(option);
    window.addEventListener("resize", function () { c.resize(); });
  }
  chart("chart-classes", {
    tooltip: { formatter: "{b}：{c} 万元" },
    series: [{
      type: "treemap", roam: false, nodeClick: false, breadcrumb: { show: false },
      data: data.classes.map(function (c) { return { name: c[1], value: c[2] }; })
    }]
  });
  chart("chart-basic", {
    tooltip: { trigger: "item", formatter: "{b}：{c} 万元（{d}%）" },
    series: [{
      type: "pie", radius: ["35%", "65%"],
      data: [{ name: "基本支出", value: data.basic }, { name: "项目支出", value: data.project }]
    }]
  });
  chart("chart-years", {
    tooltip: { trigger: "axis" },
    xAxis: { type: "category", data: data.years.map(function (y) { return y[0] + "年"; }) },
    yAxis: { type: "value" },
    series: [{ type: "bar", data: data.years.map(function (y) { return y[1]; }) }]
  });
})();
