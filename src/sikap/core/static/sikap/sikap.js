// SIKAP's small behaviours, loaded as a file so the Content-Security-Policy can forbid inline script.
(function () {
  "use strict";
  function ready(fn) {
    if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
  }
  ready(function () {
    document.querySelectorAll(".js-autosubmit").forEach(function (el) {
      el.addEventListener("change", function () { el.form.submit(); });
    });
    document.querySelectorAll(".js-hide-when-auto").forEach(function (el) { el.classList.add("d-none-js"); });
    document.querySelectorAll("[data-confirm]").forEach(function (el) {
      el.addEventListener("click", function (ev) {
        if (!window.confirm(el.getAttribute("data-confirm"))) { ev.preventDefault(); }
      });
    });
    // Progress bars take their width from data-progress (inline style would break the CSP).
    function paintProgress(root) {
      root.querySelectorAll("[data-progress]").forEach(function (bar) {
        bar.style.width = bar.getAttribute("data-progress") + "%";
      });
    }
    paintProgress(document);
    document.body.addEventListener("htmx:afterSwap", function (ev) { paintProgress(ev.target); });
    // A table wider than the phone scrolls inside its box: keyboard users reach the box to
    // scroll it (WCAG 2.1.1), so a box that scrolls and holds nothing focusable takes the focus.
    function focusableScrollers() {
      document.querySelectorAll(".table-responsive").forEach(function (box) {
        var scrolls = box.scrollWidth > box.clientWidth;
        if (scrolls && !box.hasAttribute("tabindex") && !box.querySelector("a[href], button, input, select, textarea, [tabindex]")) {
          box.setAttribute("tabindex", "0");
        }
      });
    }
    focusableScrollers();
    window.addEventListener("resize", focusableScrollers);
    document.body.addEventListener("htmx:afterSettle", focusableScrollers);
  });
})();
