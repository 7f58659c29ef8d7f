// The operator app's one script; every page works without it.
"use strict";

// A double tap with gloves must not post a form twice. The button is not disabled: a disabled
// submit button's name and value would be left out of the post.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (form.dataset.submitted) {
    event.preventDefault();
    return;
  }
  form.dataset.submitted = "true";
  for (const button of form.querySelectorAll("button[type=submit]")) {
    button.setAttribute("aria-busy", "true");
  }
});

// Back to a page kept by the browser: its forms post again and the scan field takes the
// scanner's next barcode.
window.addEventListener("pageshow", (event) => {
  if (!event.persisted) return;
  for (const form of document.querySelectorAll("form[data-submitted]")) {
    delete form.dataset.submitted;
  }
  for (const button of document.querySelectorAll("button[aria-busy]")) {
    button.removeAttribute("aria-busy");
  }
  const field = document.querySelector("[autofocus]");
  if (field) field.focus();
});
