// Validate a question when the person leaves it: htmx posts the form, and this tells the server
// which field was left (X-Field), or which is being typed in (X-Field-Live), so that only that
// part comes back. Nothing here is needed with JavaScript off: the same checks run on submit.
document.addEventListener("htmx:configRequest", function (e) {
  var event = e.detail.triggeringEvent;
  if (!event || (event.type !== "focusout" && event.type !== "input")) return;
  var el = event.target;
  var isField = /^(INPUT|SELECT|TEXTAREA)$/.test(el.tagName) && el.type !== "hidden";
  // The calculator's one box to tick (confirming questioned amounts) changes the result.
  var liveBox = event.type === "input" && el.type === "checkbox" && el.form && el.form.id === "calculator";
  if (!isField || !el.name || el.type === "submit" || (el.type === "checkbox" && !liveBox)) {
    e.preventDefault();
    return;
  }
  if (event.type === "input") {
    e.detail.headers["X-Field-Live"] = el.name;
    return;
  }
  var untouched = !el.value && el.getAttribute("aria-invalid") !== "true";
  // Moving between the options of one question is not leaving it.
  var next = event.relatedTarget;
  if (untouched || (next && next.name === el.name)) {
    e.preventDefault();
    return;
  }
  e.detail.headers["X-Field"] = el.name;
});

// "Arată parola" shows the password at once; without JavaScript the page shows it on submit.
document.addEventListener("change", function (e) {
  if (e.target.id !== "show_password") return;
  var input = document.getElementById("password");
  var shown = document.getElementById("password_shown");
  if (input) input.type = e.target.checked ? "text" : "password";
  if (shown) shown.value = e.target.checked ? "1" : "";
});

// A field's message arriving while the person is back in that field must not replace what they type.
document.addEventListener("htmx:beforeSwap", function (e) {
  var sent = e.detail.requestConfig && e.detail.requestConfig.headers;
  var target = e.detail.target;
  if (sent && sent["X-Field"] && target && target.contains(document.activeElement)) {
    e.detail.shouldSwap = false;
  }
});

// The calculator's result brings the error summary and the confirmation box out of band: a box
// the person is in (a summary link, the tick box) is left alone until they move on.
document.addEventListener("htmx:oobBeforeSwap", function (e) {
  var target = e.detail.target;
  if (target && target.contains(document.activeElement) && document.activeElement !== document.body) {
    e.detail.shouldSwap = false;
  }
});

// After "Calculați" (not while typing), problems are shown from the top: the summary takes focus.
document.addEventListener("htmx:afterSettle", function (e) {
  var event = e.detail.requestConfig && e.detail.requestConfig.triggeringEvent;
  if (!event || event.type !== "submit") return;
  var summary = document.querySelector("#error-summary-slot .error-summary");
  if (summary) summary.focus();
});

// --- wording ---
// GOV.UK conditional reveal: questions that apply only to some answers of a radio question are
// shown (and enabled, so that they are sent) under it once such an answer is chosen. The server
// renders them hidden and disabled; without JavaScript they are a page of their own.
function syncReveals(root) {
  var reveals = (root || document).querySelectorAll("[data-reveal-radio]");
  Array.prototype.forEach.call(reveals, function (reveal) {
    var form = reveal.closest("form");
    if (!form) return;
    var name = reveal.getAttribute("data-reveal-radio");
    var values = reveal.getAttribute("data-reveal-values").split(" ");
    var radios = form.querySelectorAll('input[type="radio"][name="' + name + '"]');
    var chosen = form.querySelector('input[type="radio"][name="' + name + '"]:checked');
    var open = !!chosen && values.indexOf(chosen.value) !== -1;
    reveal.hidden = !open;
    var fieldset = reveal.querySelector("fieldset");
    if (fieldset) fieldset.disabled = !open;
    Array.prototype.forEach.call(radios, function (radio) {
      if (values.indexOf(radio.value) === -1) return;
      radio.setAttribute("aria-controls", reveal.id);
    });
  });
}
document.addEventListener("change", function (e) {
  if (e.target && e.target.type === "radio") syncReveals(e.target.form || document);
});
document.addEventListener("DOMContentLoaded", function () { syncReveals(document); });
document.addEventListener("htmx:afterSettle", function () { syncReveals(document); });
