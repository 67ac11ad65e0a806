// Linli's service worker. scripts/precache.mjs fills in VERSION and FILES
// for each build (Trunk hashes file names), so the cache holds exactly the
// files of the build that installed it. After the first visit everything
// is answered from that cache: the app opens with no network at all.
const VERSION = '__VERSION__';
const FILES = __FILES__;
const CACHE = `linli-${VERSION}`;
const SHELL = __SHELL__;

self.addEventListener('install', (event) => {
  // A new build waits until the user taps "reload" (see 'skip-waiting').
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)));
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('linli-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

// A file shared to Linli from another app (the manifest's share_target)
// is posted here. It waits in its own cache, which updates leave alone,
// until the Data tab takes it (src/ui/files.rs) and shows its preview.
const INBOX = 'shared-inbox';
const SHARE_TARGET = '/share-target';

async function receiveShared(request) {
  try {
    const form = await request.formData();
    const file = form.get('file');
    if (file && typeof file !== 'string') {
      const cache = await caches.open(INBOX);
      await cache.put('/shared-file', new Response(file, { headers: { 'content-type': 'application/json' } }));
    }
  } catch (_) {
    // Nothing readable arrived; the Data tab says so.
  }
  return Response.redirect('/data?shared=1', 303);
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method === 'POST' && url.origin === self.location.origin && url.pathname === SHARE_TARGET) {
    event.respondWith(receiveShared(request));
    return;
  }
  if (request.method !== 'GET') return;
  if (url.origin !== self.location.origin) return;
  const last = url.pathname.split('/').pop() ?? '';
  const navigation = request.mode === 'navigate';
  // Only the app's own files and pages: requests to the sync server
  // proxied on this origin (a long-poll, a page of changes) go straight
  // to the network, never through the cache.
  if (!navigation && !FILES.includes(url.pathname)) return;
  // Any in-app route (no file extension) is the app shell: deep links work offline.
  const wanted = navigation && !last.includes('.') ? SHELL : request;
  event.respondWith(
    caches.open(CACHE).then((cache) =>
      cache.match(wanted, { ignoreSearch: wanted === SHELL }).then((hit) => hit ?? fetch(request)),
    ),
  );
});
