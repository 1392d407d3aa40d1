// The app shell, cached when the service worker installs, so the app starts offline. Only these
// files are ever cached (the build fills in the list): API calls, the app config and sign-in go
// to the network untouched, so no personal data is kept here.
const SHELL = __SHELL__;
const CACHE = 'rinnalla-shell-__VERSION__';

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      // Hashed files never change, so the browser's HTTP cache may give them (no second download
      // on a slow line); the page itself is asked of the server again.
      .then((cache) => cache.addAll(SHELL.map((path) => new Request(path, { cache: path === '/' ? 'no-cache' : 'default' }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith('rinnalla-shell-') && key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    // Every screen is "/": the shell from the cache, at once, online or not.
    event.respondWith(caches.match('/', { cacheName: CACHE }).then((cached) => cached ?? fetch(request)));
    return;
  }
  if (SHELL.includes(url.pathname)) {
    event.respondWith(caches.match(url.pathname, { cacheName: CACHE }).then((cached) => cached ?? fetch(request)));
  }
});
