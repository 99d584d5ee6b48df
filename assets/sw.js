// Service worker: network first, cache as fallback. Every successful
// response for one of the app's own files replaces the cached copy, so a
// new deployment is picked up on the next online visit and the last one
// seen keeps working offline.
const CACHE = 'one-secret-v1';
const FILES = ['./', './index.html', './boot.js', './one-secret.js', './one-secret_bg.wasm', './style.css', './favicon.svg'];

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(FILES))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) {
    return;
  }
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(request, copy));
        }
        return response;
      })
      .catch(() =>
        caches.match(request, { ignoreSearch: true }).then((cached) => cached ?? caches.match('./index.html')),
      ),
  );
});
