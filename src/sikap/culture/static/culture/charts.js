// Radar charts of the seven values, from data in a <script type="application/json"> block.
(function () {
  "use strict";
  function ready(fn) {
    if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
  }
  ready(function () {
    if (typeof Chart === "undefined") { return; }
    document.querySelectorAll("canvas.js-radar").forEach(function (canvas) {
      var source = document.getElementById(canvas.getAttribute("data-source"));
      if (!source) { return; }
      var data = JSON.parse(source.textContent);
      var colours = ["#0b5394", "#999999"];
      new Chart(canvas, {
        type: "radar",
        data: {
          labels: data.labels,
          datasets: data.series.map(function (s, i) {
            return { label: s.label, data: s.data, borderColor: colours[i % 2], backgroundColor: "rgba(11,83,148,0.15)" };
          })
        },
        options: { maintainAspectRatio: false, scales: { r: { min: 0, max: 100 } } }
      });
    });
  });
})();
