// The respondent's survey. Without this script the page is one long form that works as it is.
// With it: the link's code is posted from the "#" part, the form shows one step at a time,
// counts the picks of each section, refuses a pick beyond K at once, and keeps the answers given
// so far in this browser tab (sessionStorage) so that a reload loses nothing.
//
// Anonymity: the answers and the code are kept under separate keys, only in this tab (gone when
// it closes), never sent anywhere before "Kirim jawaban", and erased as soon as the survey is
// answered or the code is refused.
(function () {
  "use strict";
  var PREFIX = "sikap-survey:";
  var TOKEN_KEY = PREFIX + "code";

  function ready(fn) {
    if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
  }
  function storage() {
    try { return window.sessionStorage; } catch (e) { return null; }
  }
  function forget() {
    var s = storage();
    if (!s) { return; }
    var keys = [];
    for (var i = 0; i < s.length; i++) { keys.push(s.key(i)); }
    keys.forEach(function (k) { if (k && k.indexOf(PREFIX) === 0) { s.removeItem(k); } });
  }

  // The code form: a link's "#code" (browsers never send that part to a server, so no log
  // holds it), or the code this tab was answering before a reload, is posted at once.
  function openFromLink(codeForm) {
    var s = storage();
    var code = "";
    if (window.location.hash.length > 1) {
      code = decodeURIComponent(window.location.hash.slice(1));
      window.history.replaceState(null, "", window.location.pathname);
    } else if (s) {
      code = s.getItem(TOKEN_KEY) || "";
    }
    if (!code) { return; }
    codeForm.querySelector("input[name=token]").value = code;
    var note = document.querySelector(".js-opening");
    if (note) { note.hidden = false; }
    codeForm.submit();
  }

  function Survey(form) {
    this.form = form;
    this.picks = parseInt(form.getAttribute("data-picks"), 10) || 0;
    this.key = PREFIX + "answers:" + form.getAttribute("data-campaign");
    this.stepKey = PREFIX + "step:" + form.getAttribute("data-campaign");
    this.steps = Array.prototype.slice.call(document.querySelectorAll(".js-step"));
    this.current = 0;
  }

  Survey.prototype.count = function (step) {
    return step.querySelectorAll("input[type=checkbox]:checked").length;
  };

  Survey.prototype.paint = function (step) {
    var counter = step.querySelector(".js-count");
    if (!counter) { return; }
    var n = this.count(step);
    counter.textContent = String(n);
    step.querySelector(".survey-counter").classList.toggle("is-full", n === this.picks);
  };

  Survey.prototype.say = function (step, text) {
    var box = step.querySelector(".js-limit");
    if (box) { box.textContent = text; }
  };

  // A ballot step is complete with exactly K picks; other steps may be left blank.
  Survey.prototype.problem = function (step) {
    if (!step.classList.contains("js-ballot")) { return ""; }
    var n = this.count(step);
    if (n === this.picks) { return ""; }
    return this.form.getAttribute("data-msg-count").replace("{n}", String(n));
  };

  Survey.prototype.show = function (index, focus) {
    var self = this;
    index = Math.max(0, Math.min(index, this.steps.length - 1));
    this.current = index;
    this.steps.forEach(function (step, i) { step.hidden = i !== index; });
    var s = storage();
    if (s) { s.setItem(this.stepKey, String(index)); }
    if (focus) {
      var target = this.steps[index].querySelector("[tabindex='-1']") || this.steps[index];
      window.scrollTo(0, 0);
      target.focus({ preventScroll: true });
    }
    this.steps.forEach(function (step) { self.paint(step); });
  };

  Survey.prototype.save = function () {
    var s = storage();
    if (!s) { return; }
    var data = {};
    this.form.querySelectorAll("input[type=checkbox], input[type=radio]").forEach(function (el) {
      if (el.checked) { (data[el.name] = data[el.name] || []).push(el.value); }
    });
    this.form.querySelectorAll("select, textarea").forEach(function (el) {
      if (el.value) { data[el.name] = [el.value]; }
    });
    s.setItem(this.key, JSON.stringify(data));
  };

  Survey.prototype.restore = function () {
    var s = storage();
    var raw = s && s.getItem(this.key);
    if (!raw) { return false; }
    var data;
    try { data = JSON.parse(raw); } catch (e) { return false; }
    this.form.querySelectorAll("input[type=checkbox], input[type=radio]").forEach(function (el) {
      el.checked = (data[el.name] || []).indexOf(el.value) >= 0;
    });
    this.form.querySelectorAll("select, textarea").forEach(function (el) {
      el.value = (data[el.name] || [""])[0];
    });
    return true;
  };

  Survey.prototype.firstProblem = function () {
    for (var i = 0; i < this.steps.length; i++) {
      if (this.problem(this.steps[i])) { return i; }
    }
    return -1;
  };

  Survey.prototype.start = function () {
    var self = this;
    var s = storage();
    var errors = document.getElementById("form-errors");
    if (errors) {
      // The server refused the answers: what it sends back is what was submitted.
      this.save();
    } else {
      this.restore();
    }
    this.form.addEventListener("change", function (ev) {
      var el = ev.target;
      var step = el.closest(".js-step");
      if (el.type === "checkbox" && el.checked && step && self.count(step) > self.picks) {
        el.checked = false;
        self.say(step, self.form.getAttribute("data-msg-full"));
      } else if (step) {
        self.say(step, "");
      }
      if (step) { self.paint(step); }
      self.save();
    });
    this.form.addEventListener("input", function (ev) {
      if (ev.target.tagName === "TEXTAREA") { self.save(); }
    });
    document.querySelectorAll(".js-counter").forEach(function (counter) { counter.hidden = false; });
    document.querySelectorAll(".js-next").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var step = self.steps[self.current];
        var problem = self.problem(step);
        if (problem) { self.say(step, problem); return; }
        self.show(self.current + 1, true);
      });
    });
    document.querySelectorAll(".js-back").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { self.show(self.current - 1, true); });
    });
    document.querySelectorAll(".js-goto").forEach(function (link) {
      link.addEventListener("click", function (ev) {
        var target = document.getElementById(link.getAttribute("href").slice(1));
        var step = target && target.closest(".js-step");
        if (!step) { return; }
        ev.preventDefault();
        self.show(self.steps.indexOf(step), true);
      });
    });
    this.form.addEventListener("submit", function (ev) {
      var bad = self.firstProblem();
      if (bad >= 0) {
        ev.preventDefault();
        self.show(bad, true);
        self.say(self.steps[bad], self.problem(self.steps[bad]));
      }
    });
    var start = 0;
    if (errors) {
      var marked = this.steps.findIndex(function (step) { return step.querySelector(".text-danger"); });
      start = marked >= 0 ? marked : this.steps.length - 1;
    } else if (s && s.getItem(this.stepKey)) {
      start = parseInt(s.getItem(this.stepKey), 10) || 0;
    }
    this.show(start, false);
    if (errors) { errors.focus(); }
  };

  ready(function () {
    if (document.querySelector(".js-survey-end")) { forget(); return; }
    var codeForm = document.querySelector(".js-survey-code");
    if (codeForm) { openFromLink(codeForm); return; }
    var form = document.querySelector(".js-survey");
    if (!form) { return; }
    var s = storage();
    // Kept for this tab only, apart from the answers, so that a reload can reopen the survey.
    if (s) { s.setItem(TOKEN_KEY, form.querySelector("input[name=token]").value); }
    // The page came from a form post; a reload now asks for the code page instead of posting
    // again, and that page reopens the survey from this tab's code.
    window.history.replaceState(null, "", window.location.pathname);
    new Survey(form).start();
  });
})();
