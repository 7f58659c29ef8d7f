// The operator app's one script; every page works without it.
"use strict";

// A double tap with gloves must not post a form twice.
document.addEventListener("submit", (event) => {
  for (const button of event.target.querySelectorAll("button[type=submit]")) {
    button.disabled = true;
  }
});

// Back to a page kept by the browser: its buttons work again and the scan field takes the
// scanner's next barcode.
window.addEventListener("pageshow", (event) => {
  if (!event.persisted) return;
  for (const button of document.querySelectorAll("button[disabled]")) {
    button.disabled = false;
  }
  const field = document.querySelector("[autofocus]");
  if (field) field.focus();
});
