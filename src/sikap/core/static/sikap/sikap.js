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
    // A long list of units gets a search box: typing narrows the options shown (the chosen one
    // stays). Without script the list works as it is.
    document.querySelectorAll("select[data-searchable]").forEach(function (select) {
      var box = document.createElement("input");
      box.type = "search";
      box.className = "form-control form-control-sm mb-1";
      box.placeholder = select.getAttribute("data-searchable");
      box.setAttribute("aria-label", select.getAttribute("data-searchable"));
      box.setAttribute("aria-controls", select.id || "");
      select.parentNode.insertBefore(box, select);
      box.addEventListener("input", function () {
        var words = box.value.toLowerCase().split(/\s+/).filter(Boolean);
        Array.prototype.forEach.call(select.options, function (option) {
          var text = option.text.toLowerCase();
          var match = words.every(function (w) { return text.indexOf(w) !== -1; });
          option.hidden = !(match || option.selected || option.value === "");
        });
      });
    });
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
