{% autoescape off %}// The field app's service worker (deployments/views/field_app.py renders it at /sw.js).
// It holds no words for people: what they read offline is the precached offline page and the
// cached pages, both translated by Django.
importScripts({{ workbox_sw_url }}, {{ idb_url }}, {{ outbox_url }});

// Workbox's modules come from our own static files, never from a CDN.
workbox.setConfig({ modulePathPrefix: {{ workbox_folder }}, debug: false });
workbox.core.setCacheNameDetails({ prefix: "field-app" });
self.skipWaiting();
workbox.core.clientsClaim();

workbox.precaching.cleanupOutdatedCaches();
workbox.precaching.precacheAndRoute({{ precache }});

// The volunteer's own pages: fresh from the network when there is one, otherwise as last seen.
// Only complete answers are kept: not a redirect to the sign-in page, not an error page.
const FIELD_PAGES = [/^\/dashboard\/$/, /^\/placements\/\d+\/$/, /^\/placements\/\d+\/logs\/new\/$/];
const keepCompletePages = {
  cacheWillUpdate: async ({ response }) =>
    response.status === 200 && !response.redirected ? response : null,
};
const isSameOriginPage = (request, url) =>
  request.mode === "navigate" && url.origin === self.location.origin;

workbox.routing.registerRoute(
  ({ request, url }) =>
    isSameOriginPage(request, url) && FIELD_PAGES.some((pattern) => pattern.test(url.pathname)),
  new workbox.strategies.NetworkFirst({
    cacheName: self.fieldOutbox.PAGES_CACHE,
    networkTimeoutSeconds: 10,
    // Django varies pages on the cookie, which a cached request never shows,
    // and a page the worker sends back to carries ?kept-offline=1.
    matchOptions: { ignoreVary: true, ignoreSearch: true },
    plugins: [keepCompletePages],
  }),
);
workbox.routing.registerRoute(
  ({ request, url }) => isSameOriginPage(request, url),
  new workbox.strategies.NetworkOnly(),
);
// A log or check-in form posted while the phone believed it was online, and the sending
// failed: the worker keeps it in the outbox, as the page does offline, and shows the form's
// page again (from the cache) saying so. Without the worker, the browser would show an error
// and the volunteer would have to write it again.
const FIELD_FORMS = {
  "activity-log": { path: /^\/placements\/(\d+)\/logs\/new\/$/, back: (path) => path },
  "check-in": { path: /^\/placements\/(\d+)\/check-in\/$/, back: (path) => path.replace(/check-in\/$/, "") },
};
const FIELD_API = {{ api_urls }};
for (const [kind, form] of Object.entries(FIELD_FORMS)) {
  workbox.routing.registerRoute(
    ({ request, url }) => isSameOriginPage(request, url) && form.path.test(url.pathname),
    async ({ request, url }) => {
      const copy = request.clone();
      try {
        return await fetch(request);
      } catch (error) {
        const session = await self.fieldOutbox.currentSession();
        if (!session) {
          throw error;
        }
        const record = await self.fieldOutbox.recordFromForm({
          kind,
          url: FIELD_API[kind],
          userId: session.userId,
          placement: url.pathname.match(form.path)[1],
          formData: await copy.formData(),
        });
        await self.fieldOutbox.store(record);
        await self.registration.sync?.register(self.fieldOutbox.SYNC_TAG).catch(() => {});
        const back = new URL(form.back(url.pathname), self.location.origin);
        back.searchParams.set("kept-offline", "1");
        return Response.redirect(back.href, 303);
      }
    },
    "POST",
  );
}

workbox.routing.setCatchHandler(async ({ request }) =>
  request.mode === "navigate"
    ? (await workbox.precaching.matchPrecache({{ offline_url }})) || Response.error()
    : Response.error(),
);

// Background Sync: the browser wakes the worker when the connection returns, even with no
// page open. Without it, the pages send the outbox when they open or come back online.
self.addEventListener("sync", (event) => {
  if (event.tag === self.fieldOutbox.SYNC_TAG) {
    // Failing the event asks the browser to try again later while records still wait.
    event.waitUntil(
      self.fieldOutbox.sendAll().then((outcome) => {
        if (outcome.waiting > 0) {
          throw new Error("field records still waiting to be sent");
        }
      }),
    );
  }
});
{% endautoescape %}
