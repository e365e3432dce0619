// The outbox of activity logs and check-ins written offline, kept in IndexedDB (with idb) and
// sent through the API. Shared by the pages (static/js/field-app.js) and the service worker
// (deployments/templates/deployments/field_app/sw.js), so that either can send it.
//
// Nothing is lost or sent twice: each record gets its Idempotency-Key once, when it is stored;
// it leaves the outbox only when the API has answered 200 or 201 (a retry of a record the API
// already has answers 200 with it); a refused record (400, 409, 422) stays, with the API's
// messages, for the volunteer to see; anything else (no connection, a dropped upload, a
// server error, a lapsed session) leaves it waiting for the next try.
(function (scope) {
  "use strict";

  const DATABASE = "field-app";
  const OUTBOX = "outbox";
  const SESSION = "session";
  const REFUSED = new Set([400, 409, 422]);
  const SIGNED_OUT = new Set([401, 403]);

  let opened = null;
  function database() {
    opened =
      opened ||
      scope.idb.openDB(DATABASE, 1, {
        upgrade(db) {
          db.createObjectStore(OUTBOX, { keyPath: "key" });
          db.createObjectStore(SESSION);
        },
      });
    return opened;
  }

  // The signed-in person and their CSRF token, written by each page: a worker reads no cookie.
  async function rememberSession(session) {
    await (await database()).put(SESSION, session, "current");
  }

  async function currentSession() {
    return (await database()).get(SESSION, "current");
  }

  // record: {kind: "activity-log" | "check-in", url, userId, placement, fields, photos: [Blob]}
  async function store(record) {
    const stored = {
      ...record,
      key: scope.crypto.randomUUID(),
      storedAt: new Date().toISOString(),
      state: "waiting",
      errors: null,
    };
    await (await database()).put(OUTBOX, stored);
    return stored;
  }

  async function records(userId) {
    const all = await (await database()).getAll(OUTBOX);
    return all
      .filter((record) => record.userId === userId)
      .sort((a, b) => a.storedAt.localeCompare(b.storedAt));
  }

  async function discard(key) {
    await (await database()).delete(OUTBOX, key);
  }

  // Photos are made smaller on the phone before they are kept: a camera's 12-megapixel JPEG
  // becomes a few hundred kilobytes, which a weak connection can send.
  const PHOTO_MAX_SIDE = 1600;
  const PHOTO_QUALITY = 0.85;

  async function resizedPhoto(file) {
    let bitmap;
    try {
      bitmap = await createImageBitmap(file);
    } catch (error) {
      return file; // a format this browser cannot draw: kept as it is, the API decides
    }
    const scale = Math.min(1, PHOTO_MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    const width = Math.round(bitmap.width * scale);
    const height = Math.round(bitmap.height * scale);
    const options = { type: "image/jpeg", quality: PHOTO_QUALITY };
    // The worker has no document, so no <canvas>; pages without OffscreenCanvas have one.
    const canvas = scope.OffscreenCanvas
      ? new OffscreenCanvas(width, height)
      : Object.assign(scope.document.createElement("canvas"), { width, height });
    canvas.getContext("2d").drawImage(bitmap, 0, 0, width, height);
    bitmap.close();
    const blob = canvas.convertToBlob
      ? await canvas.convertToBlob(options)
      : await new Promise((resolve) => canvas.toBlob(resolve, options.type, options.quality));
    return blob || file;
  }

  // A form's fields as the API takes them (the page's forms and the API share their names).
  async function recordFromForm({ kind, url, userId, placement, formData }) {
    const fields = { placement: String(placement) };
    const photos = [];
    for (const [name, value] of formData.entries()) {
      if (name === "csrfmiddlewaretoken") {
        continue;
      }
      if (typeof value === "string") {
        // An empty field is left out, as the form leaves it blank: JSON has no blank number.
        if (value !== "") {
          fields[name] = value;
        }
      } else if (value.size > 0) {
        photos.push(await resizedPhoto(value));
      }
    }
    return { kind, url, userId, placement: fields.placement, fields, photos };
  }

  function requestBody(record) {
    if (record.photos.length === 0) {
      return { body: JSON.stringify(record.fields), type: "application/json" };
    }
    const form = new FormData();
    for (const [name, value] of Object.entries(record.fields)) {
      form.append(name, value);
    }
    record.photos.forEach((photo, index) => {
      form.append("photos", photo, `photo-${index + 1}.jpg`);
    });
    return { body: form, type: null };
  }

  // One record, once: "sent", "refused", "signed-out" or "waiting".
  async function send(record, csrfToken) {
    const { body, type } = requestBody(record);
    const headers = {
      Accept: "application/json",
      "Idempotency-Key": record.key,
      "X-CSRFToken": csrfToken || "",
    };
    if (type) {
      headers["Content-Type"] = type;
    }
    let response;
    try {
      response = await fetch(record.url, {
        method: "POST",
        credentials: "same-origin",
        headers,
        body,
      });
    } catch (error) {
      return "waiting";
    }
    if (response.ok) {
      await (await database()).delete(OUTBOX, record.key);
      return "sent";
    }
    if (REFUSED.has(response.status)) {
      await keepWithReason(record, "refused", response);
      return "refused";
    }
    if (SIGNED_OUT.has(response.status)) {
      // Kept and tried again (a lapsed session, a stale CSRF token), with the API's reason
      // shown: if it says the volunteer may no longer do this, they can discard it.
      await keepWithReason(record, "signed-out", response);
      return "signed-out";
    }
    return "waiting";
  }

  // Only a record still in the outbox: another sender (a page that closed mid-upload) may
  // have had it accepted and removed meanwhile.
  async function keepWithReason(record, state, response) {
    const errors = await response.json().catch(() => ({}));
    const transaction = (await database()).transaction(OUTBOX, "readwrite");
    if (await transaction.store.get(record.key)) {
      await transaction.store.put({ ...record, state, errors });
    }
    await transaction.done;
  }

  async function sendEach() {
    const session = await currentSession();
    const outcome = { sent: 0, refused: 0, waiting: 0 };
    if (!session) {
      return outcome;
    }
    for (const record of await records(session.userId)) {
      if (record.state === "refused") {
        continue;
      }
      const result = await send(record, session.csrfToken);
      if (result === "sent" || result === "refused") {
        outcome[result] += 1;
      } else {
        outcome.waiting += 1;
      }
    }
    return outcome;
  }

  // A page and the worker may both try at once: the lock lets one send at a time, so that the
  // API never sees two uploads of one record in parallel.
  function sendAll() {
    const locks = scope.navigator.locks;
    return locks ? locks.request("field-app-outbox", sendEach) : sendEach();
  }

  scope.fieldOutbox = {
    // The worker's cache of the volunteer's pages, which the pages also fill ahead of time.
    PAGES_CACHE: "field-app-pages",
    SYNC_TAG: "field-app-outbox",
    rememberSession,
    currentSession,
    recordFromForm,
    store,
    records,
    discard,
    sendAll,
  };
})(self);
