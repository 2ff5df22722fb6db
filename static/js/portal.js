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

// --- errors ---
// "Arată parola" is a submit button so that without JavaScript it brings the page back with the
// password shown and nothing saved (said on the page). Here it only shows or hides the password.
document.addEventListener("click", function (e) {
  var button = e.target.closest && e.target.closest("[data-show-password]");
  if (!button) return;
  var input = document.getElementById(button.getAttribute("data-show-password"));
  if (!input) return;
  e.preventDefault();
  var show = input.type === "password";
  input.type = show ? "text" : "password";
  button.textContent = show ? "Ascunde parola" : "Arată parola";
});

// The error summary follows the fields (M6): when a field's message comes back after the person
// left it, the summary drops the item of a field put right, gains one for a new problem, and
// goes when nothing is left, with the "Eroare: " of the title.
function fieldControl(wrapper) {
  return wrapper.querySelector("input:not([type=hidden]), select, textarea");
}

function syncErrorSummary(wrapper) {
  var summary = document.querySelector(".error-summary");
  var list = summary && summary.querySelector(".error-summary-list");
  if (!list) return;
  var item = list.querySelector('li[data-field="' + wrapper.id + '"]');
  var message = wrapper.querySelector(".error-message");
  if (!message) {
    if (item) item.remove();
  } else {
    var control = fieldControl(wrapper);
    if (!item) {
      item = document.createElement("li");
      item.setAttribute("data-field", wrapper.id);
      item.appendChild(document.createElement("a"));
      list.insertBefore(item, nextItemAfter(list, wrapper));
    }
    var link = item.querySelector("a");
    if (control) link.href = "#" + control.id;
    // The message less its hidden "Eroare: ", as the server writes the item.
    var text = message.cloneNode(true);
    var hidden = text.querySelector(".visually-hidden");
    if (hidden) hidden.remove();
    link.textContent = text.textContent.trim();
  }
  if (!list.querySelector("li")) {
    summary.remove();
    document.title = document.title.replace(/^Eroare: /, "");
  }
}

// Items stay in the order of the fields on the page.
function nextItemAfter(list, wrapper) {
  var items = list.querySelectorAll("li[data-field]");
  for (var i = 0; i < items.length; i++) {
    var other = document.getElementById(items[i].getAttribute("data-field"));
    if (other && wrapper.compareDocumentPosition(other) & Node.DOCUMENT_POSITION_FOLLOWING) {
      return items[i];
    }
  }
  return null;
}

// A field filled without being left (browser autofill, a quick paste) keeps a stale message:
// each time one message comes back, every other marked field whose value changed since the page
// was drawn is checked again, as if the person had left it.
function changedSinceDrawn(control) {
  if (control.type === "radio" || control.type === "checkbox") {
    var group = control.form ? control.form.elements[control.name] : [control];
    return Array.prototype.some.call(group.length ? group : [group], function (each) {
      return each.checked !== each.defaultChecked;
    });
  }
  if (control.tagName === "SELECT") {
    return Array.prototype.some.call(control.options, function (option) {
      return option.selected !== option.defaultSelected;
    });
  }
  return control.value !== control.defaultValue;
}

function recheckStaleFields(form, except) {
  if (!form) return;
  form.querySelectorAll(".field--error").forEach(function (wrapper) {
    if (wrapper === except || wrapper.contains(document.activeElement)) return;
    // Asked once: the wrapper that comes back is drawn anew, without the mark.
    if (wrapper.hasAttribute("data-rechecking")) return;
    var control = fieldControl(wrapper);
    if (control && control.name && changedSinceDrawn(control)) {
      wrapper.setAttribute("data-rechecking", "");
      control.dispatchEvent(new FocusEvent("focusout", { bubbles: true }));
    }
  });
}

document.addEventListener("htmx:afterSettle", function (e) {
  var sent = e.detail.requestConfig && e.detail.requestConfig.headers;
  var xhr = e.detail.xhr;
  if (!sent || !sent["X-Field"] || !xhr) return;
  var target = xhr.getResponseHeader("HX-Retarget");
  var wrapper = target && target.charAt(0) === "#" && document.getElementById(target.slice(1));
  if (!wrapper) return;
  syncErrorSummary(wrapper);
  recheckStaleFields(wrapper.closest("form"), wrapper);
});

// The calculator's result redraws the questions shown marked (M9): it is told which they are.
document.addEventListener("htmx:configRequest", function (e) {
  if (!e.detail.elt || e.detail.elt.id !== "calculator") return;
  var marked = [];
  e.detail.elt.querySelectorAll(".field--error[id^='field-']").forEach(function (wrapper) {
    marked.push(wrapper.id.slice("field-".length));
  });
  if (marked.length) e.detail.headers["X-Marked-Fields"] = marked.join(" ");
});

// A marked question of the calculator that the person leaves after changing it is redrawn at
// once: while they were in it, its mark was left alone (see htmx:oobBeforeSwap above).
document.addEventListener("focusout", function (e) {
  var form = e.target.form;
  if (!form || form.id !== "calculator" || !window.htmx) return;
  var wrapper = e.target.closest(".field--error");
  if (!wrapper || !changedSinceDrawn(e.target)) return;
  htmx.ajax("GET", form.getAttribute("hx-get"), { source: form, target: "#result", swap: "innerHTML" });
});
