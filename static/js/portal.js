// Progressive enhancements only: every page works without JavaScript.
document.addEventListener("DOMContentLoaded", () => {
  // Pre-select the browser's time zone on sign-up, when the person has not chosen one.
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  document.querySelectorAll("select[data-detect-time-zone]").forEach((select) => {
    if (zone && select.value === "UTC" && [...select.options].some((o) => o.value === zone)) {
      select.value = zone;
    }
  });
});

// After a refused form, take the person to the first field in error: screen readers then read
// its label and, through aria-describedby, the error itself.
document.addEventListener("DOMContentLoaded", () => {
  const invalid = document.querySelector("main .is-invalid");
  if (invalid) {
    invalid.focus();
  }
});

// A button that ends something asks first: data-confirm holds the question. Without JavaScript
// the action goes ahead as before.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-confirm]");
  if (button && !window.confirm(button.dataset.confirm)) {
    event.preventDefault();
  }
});

// Navigation menus are <details> and work without JavaScript; with it, opening one closes the
// others, and a click elsewhere or Escape closes them all.
document.addEventListener("click", (event) => {
  document.querySelectorAll(".portal-navbar details.nav-menu[open]").forEach((menu) => {
    if (!menu.contains(event.target)) {
      menu.removeAttribute("open");
    }
  });
});
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") {
    return;
  }
  const open = document.querySelector(".portal-navbar details.nav-menu[open]");
  if (open) {
    open.removeAttribute("open");
    open.querySelector("summary").focus();
  }
});

// Signing out forgets the pages the field app kept for offline use (static/js/field-outbox.js
// names that cache): the next person on this phone must not read them.
document.addEventListener("submit", (event) => {
  if (event.target.matches("[data-forget-offline-pages]") && window.caches) {
    caches.delete("field-app-pages");
  }
});
