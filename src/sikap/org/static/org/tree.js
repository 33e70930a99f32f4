// Unit tree: the first click on a caret loads the children (HTMX); later clicks fold and unfold
// them. Kept in a file because the Content-Security-Policy forbids inline script.
(function () {
  "use strict";
  function descendants(row) {
    var path = row.getAttribute("data-path");
    return Array.prototype.filter.call(
      document.querySelectorAll("#unit-tree tr[data-path]"),
      function (r) { var p = r.getAttribute("data-path"); return p !== path && p.indexOf(path) === 0; }
    );
  }
  document.addEventListener("htmx:afterSwap", function (ev) {
    var toggle = ev.detail.requestConfig && ev.detail.requestConfig.elt;
    if (!toggle || !toggle.classList.contains("js-tree-toggle")) { return; }
    toggle.setAttribute("data-loaded", "1");
    toggle.setAttribute("aria-expanded", "true");
    toggle.querySelector("i").className = "bi bi-caret-down-fill";
  });
  document.addEventListener("click", function (ev) {
    var toggle = ev.target.closest && ev.target.closest(".js-tree-toggle[data-loaded]");
    if (!toggle) { return; }
    ev.preventDefault();
    var row = toggle.closest("tr");
    var open = toggle.getAttribute("aria-expanded") === "true";
    descendants(row).forEach(function (r) { r.classList.toggle("d-none", open); });
    toggle.setAttribute("aria-expanded", open ? "false" : "true");
    toggle.querySelector("i").className = open ? "bi bi-caret-right-fill" : "bi bi-caret-down-fill";
  });
})();
