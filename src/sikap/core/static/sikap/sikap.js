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
  });
})();
