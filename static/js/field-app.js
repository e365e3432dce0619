// The field app on a volunteer's pages (deployments/templates/deployments/field_app/outbox.html):
// installs the service worker, keeps the volunteer's pages for offline use, and, only while the
// phone is offline, keeps an activity log or a check-in in the outbox (static/js/field-outbox.js)
// instead of posting the form (a post that fails online is kept by the worker). Online, and
// without JavaScript, the forms post as before.
(function () {
  "use strict";

  const root = document.getElementById("field-app");
  if (!root || !window.indexedDB || !window.idb || !window.fieldOutbox) {
    return;
  }
  const outbox = window.fieldOutbox;
  const strings = JSON.parse(document.getElementById("field-app-strings").textContent);
  const userId = root.dataset.user;
  const KEPT_PARAMETER = "kept-offline";
  const apiUrls = JSON.parse(document.getElementById("field-app-api").textContent);

  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, (match, name) => (name in values ? values[name] : match));
  }

  function csrfToken() {
    const cookie = document.cookie.split("; ").find((part) => part.startsWith("csrftoken="));
    if (cookie) {
      return decodeURIComponent(cookie.slice("csrftoken=".length));
    }
    const meta = document.querySelector("meta[name=csrf-token]");
    return meta ? meta.content : "";
  }

  function describe(record) {
    if (record.kind === "check-in") {
      const status = strings.check_in_statuses[record.fields.status] || record.fields.status;
      return fill(strings.check_in, { status });
    }
    let text = fill(strings.activity_log, { date: record.fields.date, hours: record.fields.hours });
    if (record.photos.length) {
      text += ` · ${fill(strings.photos, { count: record.photos.length })}`;
    }
    return text;
  }

  // The API names fields as the form does: its labels, where this page has the form.
  function fieldLabels() {
    const labels = {};
    for (const label of document.querySelectorAll("form[data-field-record] label[for]")) {
      const control = document.getElementById(label.htmlFor);
      if (control && control.name) {
        labels[control.name] = label.textContent.replace("*", "").trim();
      }
    }
    return labels;
  }

  function refusal(record) {
    const list = document.createElement("ul");
    list.className = "small text-danger mb-1";
    const labels = fieldLabels();
    for (const [field, messages] of Object.entries(record.errors || {})) {
      const item = document.createElement("li");
      const text = Array.isArray(messages) ? messages.join(" ") : String(messages);
      item.textContent = field in labels ? `${labels[field]}: ${text}` : text;
      list.append(item);
    }
    return list;
  }

  function discardButton(record) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "btn btn-sm btn-outline-danger";
    button.textContent = strings.discard;
    button.addEventListener("click", async () => {
      if (window.confirm(strings.discard_confirm)) {
        await outbox.discard(record.key);
        await show();
      }
    });
    return button;
  }

  function entry(record) {
    const item = document.createElement("li");
    item.className = "border-bottom py-1";
    item.dataset.outboxRecord = record.kind;
    const title = document.createElement("div");
    title.textContent = describe(record);
    const state = document.createElement("div");
    state.className = "small text-body-secondary";
    state.textContent = { refused: strings.refused, "signed-out": strings.signed_out }[record.state] || strings.waiting;
    item.append(title, state);
    if (record.state === "refused" || record.state === "signed-out") {
      item.append(refusal(record), discardButton(record));
    }
    return item;
  }

  async function show() {
    const records = await outbox.records(userId);
    const section = document.getElementById("field-outbox");
    section.querySelector("[data-outbox-list]").replaceChildren(...records.map(entry));
    section.hidden = records.length === 0;
    document.getElementById("field-emergency").hidden = !records.some(
      (record) => record.kind === "check-in" && record.fields.status === "emergency",
    );
    return records;
  }

  function announce(text) {
    const status = root.querySelector("[data-outbox-status]");
    status.textContent = text;
    status.hidden = !text;
  }

  async function send() {
    if (!navigator.onLine) {
      return;
    }
    const before = (await outbox.records(userId)).length;
    const outcome = await outbox.sendAll();
    const left = await show();
    if (before > 0 && outcome.sent > 0 && left.length === 0) {
      announce(strings.sent);
    }
  }

  async function askForBackgroundSync() {
    const registration = await navigator.serviceWorker?.getRegistration();
    if (registration && registration.sync) {
      await registration.sync.register(outbox.SYNC_TAG).catch(() => {});
    }
  }

  // Offline, a form is kept in the outbox instead of being posted into the void.
  document.addEventListener("submit", async (event) => {
    const form = event.target.closest("form[data-field-record]");
    if (!form || navigator.onLine) {
      return;
    }
    event.preventDefault();
    // A second tap while the photos are being resized would keep the record twice.
    if (form.dataset.storing || !form.reportValidity()) {
      return;
    }
    form.dataset.storing = "true";
    try {
      const kind = form.dataset.fieldRecord;
      const record = await outbox.recordFromForm({
        kind,
        url: apiUrls[kind],
        userId,
        placement: form.dataset.placement,
        formData: new FormData(form, event.submitter),
      });
      await outbox.store(record);
      form.reset();
    } finally {
      delete form.dataset.storing;
    }
    announce(strings.saved);
    await show();
    await askForBackgroundSync();
    const emergency = document.getElementById("field-emergency");
    (emergency.hidden ? root : emergency).scrollIntoView();
  });

  async function keepPagesForOffline() {
    if (!navigator.onLine || !window.caches) {
      return;
    }
    const cache = await caches.open(outbox.PAGES_CACHE);
    for (const url of JSON.parse(root.dataset.pages)) {
      // Kept only as the volunteer sees it: not a refusal (a placement that takes no logs),
      // not the sign-in page a lapsed session is sent to.
      const response = await fetch(url, { credentials: "same-origin" }).catch(() => null);
      if (response && response.status === 200 && !response.redirected) {
        await cache.put(url, response);
      }
    }
  }

  // The worker sends the volunteer here after keeping a form whose sending failed.
  function announceKeptByTheWorker() {
    const address = new URL(window.location.href);
    if (address.searchParams.has(KEPT_PARAMETER)) {
      announce(strings.saved);
      address.searchParams.delete(KEPT_PARAMETER);
      window.history.replaceState(null, "", address);
    }
  }

  async function start() {
    announceKeptByTheWorker();
    await outbox.rememberSession({ userId, csrfToken: csrfToken() });
    await show();
    if ("serviceWorker" in navigator) {
      await navigator.serviceWorker.register(root.dataset.serviceWorker, { scope: "/" }).catch(() => {});
    }
    await send();
    root.dataset.ready = "true"; // the outbox shown is the one after this visit's sending
    await keepPagesForOffline();
  }

  window.addEventListener("online", send);
  start();
})();
