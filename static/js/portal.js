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

// A field's message is about the value it was sent with. If the box no longer holds that value
// (the person went back into it and typed, or left it again), the message is stale and would
// replace what they typed with the value sent: it is dropped, and the check of the new value
// (on their way out, or already queued) brings the right one. If the box still holds it, the
// message is shown, even while the person is back in the box: dropping it would leave a mark,
// and its summary item, on an answer already put right. Then the box itself is kept (see
// mergeAround), not swapped: a new box would lose the caret or a selection, and keys on their
// way would land in the wrong place (Chromium also sends focusout from a focused box removed).
document.addEventListener("htmx:beforeSwap", function (e) {
  var config = e.detail.requestConfig;
  var sent = config && config.headers;
  var target = e.detail.target;
  if (!sent || !sent["X-Field"] || !target) return;
  var same = sameAsSent(target, config.formData);
  var inside = target.contains(document.activeElement);
  if (same === null) {
    if (inside) e.detail.shouldSwap = false;
    return;
  }
  if (same && !inside) return;
  e.detail.shouldSwap = false;
  // The stale-mark check (below) may ask for this field again.
  target.removeAttribute("data-rechecking");
  if (same && showAroundFocus(target, e.detail.serverResponse)) fieldAnswered(target);
});

// The answer's wrapper merged into the one on the page around the box the person is in.
// False, and nothing changed, when the answer is not that wrapper with that box.
function showAroundFocus(wrapper, html) {
  var kept = document.activeElement;
  if (!kept || !kept.id || typeof html !== "string") return false;
  var template = document.createElement("template");
  template.innerHTML = html;
  var fresh = template.content.firstElementChild;
  if (!fresh || fresh.id !== wrapper.id) return false;
  var counterpart = fresh.querySelector("#" + CSS.escape(kept.id));
  if (!counterpart || counterpart.tagName !== kept.tagName || counterpart.type !== kept.type) {
    return false;
  }
  mergeAround(wrapper, fresh, kept, counterpart);
  return true;
}

// `old` takes the attributes of `fresh`, and its children but the one holding `kept`, which is
// merged the same way, down to `kept`: only its attributes change (and, for a list, which
// options are the drawn ones), never its value, focus or selection.
function mergeAround(old, fresh, kept, counterpart) {
  Array.prototype.slice.call(old.attributes).forEach(function (attribute) {
    if (!fresh.hasAttribute(attribute.name)) old.removeAttribute(attribute.name);
  });
  Array.prototype.forEach.call(fresh.attributes, function (attribute) {
    if (old.getAttribute(attribute.name) !== attribute.value) {
      old.setAttribute(attribute.name, attribute.value);
    }
  });
  if (old === kept) {
    if (old.tagName === "SELECT") {
      Array.prototype.forEach.call(old.options, function (option) {
        option.defaultSelected = option.selected;
      });
    }
    return;
  }
  var oldChild = childHolding(old, kept);
  var freshChild = childHolding(fresh, counterpart);
  var freshNodes = Array.prototype.slice.call(fresh.childNodes);
  var at = freshNodes.indexOf(freshChild);
  Array.prototype.slice.call(old.childNodes).forEach(function (node) {
    if (node !== oldChild) old.removeChild(node);
  });
  freshNodes.slice(0, at).forEach(function (node) { old.insertBefore(node, oldChild); });
  freshNodes.slice(at + 1).forEach(function (node) { old.appendChild(node); });
  mergeAround(oldChild, freshChild, kept, counterpart);
}

function childHolding(parent, node) {
  while (node && node.parentNode !== parent) node = node.parentNode;
  return node;
}

// Whether the boxes in `wrapper` hold now the values the request sent (`formData`); null when
// that cannot be told.
function sameAsSent(wrapper, formData) {
  var form = wrapper.closest("form");
  if (!form || !formData || typeof formData.getAll !== "function") return null;
  var now = new FormData(form);
  var names = [];
  wrapper.querySelectorAll("input, select, textarea").forEach(function (control) {
    if (control.name && names.indexOf(control.name) === -1) names.push(control.name);
  });
  return names.every(function (name) {
    var before = formData.getAll(name);
    var after = now.getAll(name);
    return before.length === after.length && before.every(function (value, i) {
      return typeof value === "string" && value === after[i];
    });
  });
}

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
// --- questions ---
// A request is sent with the button that was pressed for it. htmx reads the pressed button when
// the request leaves, which for a request queued behind a field's check can be much later: by
// then a tap elsewhere has forgotten it, and "Adăugați o persoană" went out as "Continuați" (M1).
document.addEventListener("htmx:configRequest", function (e) {
  var event = e.detail.triggeringEvent;
  var button = event && event.type === "submit" ? event.submitter : null;
  if (button && button.name) e.detail.parameters[button.name] = button.value;
});

// While rows are being added or removed, the form waits for the new page: its other buttons are
// off and its text boxes read-only, so nothing typed or tapped meanwhile is lost or sent for the
// old rows.
document.addEventListener("htmx:confirm", function (e) {
  var form = e.detail.elt;
  var event = e.detail.triggeringEvent;
  if (!form || !form.hasAttribute("data-rows")) return;
  if (form.hasAttribute("data-rows-pending")) {
    // A request queued behind another comes here again when it leaves: the add itself goes on.
    if (event && event.type === "submit" && event !== form.rowsEvent) e.preventDefault();
    return;
  }
  var button = event && event.type === "submit" ? event.submitter : null;
  if (!button || !/^(add|remove)-/.test(button.value || "")) return;
  form.rowsEvent = event;
  form.setAttribute("data-rows-pending", "");
  form.setAttribute("aria-busy", "true");
  // Only buttons are disabled: a disabled box or list is left out of the form's values, and the
  // add may still be queued behind a field's check that has not gathered them yet.
  Array.prototype.forEach.call(form.elements, function (el) {
    if (el === button) return;
    if (el.tagName === "BUTTON") {
      if (!el.disabled) { el.disabled = true; el.setAttribute("data-rows-undo", "disabled"); }
    } else if (el.tagName === "INPUT" && !el.readOnly && !/^(hidden|radio|checkbox)$/.test(el.type)) {
      el.readOnly = true;
      el.setAttribute("data-rows-undo", "readonly");
    }
  });
  // The back button sits outside the form (form="…"), so form.elements covers it too.
  button.setAttribute("aria-disabled", "true");
  button.classList.add("button--pending");
  var status = document.getElementById("rows-status");
  if (status) status.textContent = button.getAttribute("data-pending") || "Se încarcă…";
});

// The answer came and replaced the form: what it did not replace (the back button, outside the
// form) works again. It did not come (no network, a server error): the form works again as it was.
function undoPendingRows(form) {
  if (form) {
    form.removeAttribute("data-rows-pending");
    form.removeAttribute("aria-busy");
  }
  if (document.querySelector("[data-rows-pending]")) return;
  Array.prototype.forEach.call(document.querySelectorAll("[data-rows-undo]"), function (el) {
    if (el.getAttribute("data-rows-undo") === "disabled") el.disabled = false; else el.readOnly = false;
    el.removeAttribute("data-rows-undo");
  });
  Array.prototype.forEach.call(document.querySelectorAll(".button--pending"), function (el) {
    el.classList.remove("button--pending");
    el.removeAttribute("aria-disabled");
  });
  var status = document.getElementById("rows-status");
  if (status) status.textContent = "";
}
document.addEventListener("htmx:afterSettle", function () { undoPendingRows(null); });
document.addEventListener("htmx:afterRequest", function (e) {
  var form = e.detail.elt;
  if (form && form.hasAttribute && form.hasAttribute("data-rows-pending") && !e.detail.successful) {
    undoPendingRows(form);
  }
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

function fieldAnswered(wrapper) {
  syncErrorSummary(wrapper);
  recheckStaleFields(wrapper.closest("form"), wrapper);
}

document.addEventListener("htmx:afterSettle", function (e) {
  var sent = e.detail.requestConfig && e.detail.requestConfig.headers;
  var xhr = e.detail.xhr;
  if (!sent || !sent["X-Field"] || !xhr) return;
  var target = xhr.getResponseHeader("HX-Retarget");
  var wrapper = target && target.charAt(0) === "#" && document.getElementById(target.slice(1));
  if (wrapper) fieldAnswered(wrapper);
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

/* --- lcupload --- */
// The life certificate's file: one too big (or empty) is said at once, beside the field, instead
// of after a long upload on a slow connection; the server checks the same on submit (and the
// content, which only it reads).
function lcuploadCheck(input) {
  var file = input.files && input.files[0];
  var problem = !file ? "" : file.size === 0 ? input.dataset.empty : file.size > +input.dataset.maxBytes ? input.dataset.tooBig : "";
  var wrapper = input.closest(".field");
  var box = wrapper.querySelector("[data-upload-error]");
  box.querySelector("[data-upload-message]").textContent = problem;
  box.hidden = !problem;
  wrapper.classList.toggle("field--error", !!problem);
  if (problem) input.setAttribute("aria-invalid", "true");
  else input.removeAttribute("aria-invalid");
  return !problem;
}
document.addEventListener("change", function (e) {
  if (e.target.matches && e.target.matches("input[type=file][data-max-bytes]")) lcuploadCheck(e.target);
});
document.addEventListener("submit", function (e) {
  if (!e.target.matches("[data-upload-form]") || (e.submitter && e.submitter.value !== "continue")) return;
  var bad = Array.prototype.filter.call(e.target.querySelectorAll("input[data-max-bytes]"), function (input) {
    return input.files && input.files.length && !lcuploadCheck(input);
  });
  if (bad.length) {
    e.preventDefault();
    bad[0].focus();
  }
});

/* --- limits --- */
// A refusal meant for the person (429, or 503 while the rate-limit storage is down) comes with
// X-Portal-Refusal and retargeted at the main content (webapp/errors.py refusal_page): htmx
// would leave a 4xx/5xx answer unshown, and the person would see nothing happen.
document.addEventListener("htmx:beforeSwap", function (e) {
  var xhr = e.detail.xhr;
  if (!xhr || !xhr.getResponseHeader("X-Portal-Refusal")) return;
  e.detail.shouldSwap = true;
  e.detail.isError = false;
});
