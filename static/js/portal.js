// Validate a question when the person leaves it: htmx posts the form, and this tells the server
// which field was left so that only that field's message comes back. Nothing here is needed
// when JavaScript is off; the same checks run when the form is submitted.
document.addEventListener("htmx:configRequest", function (e) {
  var event = e.detail.triggeringEvent;
  if (!event || event.type !== "focusout") return;
  var el = event.target;
  var next = event.relatedTarget;
  var isField = /^(INPUT|SELECT|TEXTAREA)$/.test(el.tagName) && el.type !== "hidden";
  var untouched = !el.value && el.getAttribute("aria-invalid") !== "true";
  // Moving between the options of one question is not leaving it.
  var sameQuestion = next && next.name === el.name;
  if (!isField || !el.name || untouched || sameQuestion || el.type === "submit") {
    e.preventDefault();
    return;
  }
  e.detail.headers["X-Field"] = el.name;
});
