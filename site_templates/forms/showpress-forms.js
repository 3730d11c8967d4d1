/* showpress forms: the plain HTML form works without this script. With it, the answer is sent as
   JSON, thanks and validation messages appear in the page in the reader's language, and the
   survey token of a mailing link (?t=...) is carried into the answer. */
(function () {
  "use strict";

  function messagesOf(form) {
    try { return JSON.parse(form.getAttribute("data-sp-messages") || "{}"); } catch (e) { return {}; }
  }

  function collect(form) {
    var data = {};
    new FormData(form).forEach(function (value, key) {
      if (Object.prototype.hasOwnProperty.call(data, key)) {
        if (!Array.isArray(data[key])) { data[key] = [data[key]]; }
        data[key].push(value);
      } else {
        data[key] = value;
      }
    });
    return data;
  }

  function clearErrors(form) {
    form.querySelectorAll(".sp-field-error").forEach(function (p) { p.hidden = true; p.textContent = ""; });
    form.querySelectorAll("[aria-invalid]").forEach(function (el) { el.removeAttribute("aria-invalid"); });
    var summary = form.querySelector(".sp-errors");
    summary.hidden = true;
    summary.querySelector("ul").textContent = "";
  }

  function showErrors(form, errors) {
    var messages = messagesOf(form);
    var summary = form.querySelector(".sp-errors");
    var list = summary.querySelector("ul");
    Object.keys(errors).forEach(function (field) {
      var text = messages["err." + errors[field]] || messages["err.form"] || errors[field];
      var box = form.querySelector('[data-field="' + field.replace(/"/g, "") + '"]');
      var item = document.createElement("li");
      if (box) {
        var label = box.querySelector("legend, label");
        var where = document.createElement("a");
        where.href = "#" + (box.id || form.id);
        var name = "";
        if (label) {
          var copy = label.cloneNode(true);
          copy.querySelectorAll(".sp-req, .sp-opt").forEach(function (el) { el.remove(); });
          name = copy.textContent.trim() + ": ";
        }
        where.textContent = name + text;
        item.appendChild(where);
        var slot = box.querySelector(".sp-field-error");
        if (slot) { slot.textContent = text; slot.hidden = false; }
        box.querySelectorAll("input, textarea").forEach(function (el) { el.setAttribute("aria-invalid", "true"); });
      } else {
        item.textContent = text;
      }
      list.appendChild(item);
    });
    summary.hidden = false;
    summary.focus();
  }

  function showThanks(form) {
    var thanks = form.querySelector(".sp-thanks");
    Array.prototype.forEach.call(form.children, function (child) {
      if (child !== thanks) { child.hidden = true; }
    });
    thanks.textContent = form.getAttribute("data-sp-thanks") || "";
    thanks.hidden = false;
    thanks.focus();
  }

  function send(form) {
    var button = form.querySelector("button[type=submit]");
    clearErrors(form);
    button.disabled = true;
    fetch(form.action, {
      method: "POST", mode: "cors", credentials: "omit",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(collect(form))
    }).then(function (reply) {
      return reply.json().catch(function () { return {}; }).then(function (body) {
        if (reply.ok && body.ok) { showThanks(form); return; }
        showErrors(form, body.errors || { _form: reply.status === 503 || reply.status === 429 ? "failed" : "form" });
      });
    }).catch(function () {
      showErrors(form, { _form: "failed" });
    }).then(function () { button.disabled = false; });
  }

  function setup(form) {
    if (form.getAttribute("data-sp-ready")) { return; }
    form.setAttribute("data-sp-ready", "1");
    var token = new URLSearchParams(window.location.search).get("t");
    var field = form.querySelector('input[name="token"]');
    if (token && field) { field.value = token; }
    var code = new URLSearchParams(window.location.search).get("c");  /* the code from the letter's QR */
    var codeField = form.querySelector('input[name="code"]');
    if (code && codeField && !codeField.value) { codeField.value = code; }
    form.noValidate = true;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      send(form);
    });
  }

  function init() { document.querySelectorAll("form.sp-form").forEach(setup); }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);  /* Material's instant navigation */
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
