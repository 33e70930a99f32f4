// Counts ballot picks as the respondent ticks; the form works without it.
(function () {
  "use strict";
  function ready(fn) {
    if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
  }
  ready(function () {
    // A survey link carries its code after "#": the browser never sends that part to a server,
    // so no log holds it. Move it into the code form, drop it from the address bar and history,
    // and post it.
    var codeForm = document.querySelector(".js-survey-code");
    if (codeForm && window.location.hash.length > 1) {
      codeForm.querySelector("input[name=token]").value = decodeURIComponent(window.location.hash.slice(1));
      window.history.replaceState(null, "", window.location.pathname);
      codeForm.submit();
      return;
    }
    var form = document.querySelector(".js-survey");
    if (!form) { return; }
    var picks = parseInt(form.getAttribute("data-picks"), 10) || 0;
    form.querySelectorAll(".js-ballot").forEach(function (set) {
      var counter = set.querySelector(".js-count");
      function update() {
        var n = set.querySelectorAll("input[type=checkbox]:checked").length;
        counter.textContent = String(n);
        set.classList.toggle("border-success", n === picks);
        set.classList.toggle("border-danger", n > picks);
      }
      set.addEventListener("change", update);
      update();
    });
    var errors = document.getElementById("form-errors");
    if (errors) { errors.focus(); }
  });
})();
