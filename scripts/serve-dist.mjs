// Serves a built dist/ folder on 127.0.0.1 the way a static host would,
// answering unknown paths with index.html so deep links load the app, and
// compressing text and wasm (brotli, else gzip) as any decent host does.
// With a CouchDB address (third argument, or LINLI_COUCH), requests under
// /couchdb/ are passed to it as a reverse proxy would: the app reaches its
// sync server on its own origin.
// Usage: node scripts/serve-dist.mjs [dir] [port] [couchdb-url]
import { createServer, request as forward } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const root = resolve(process.argv[2] ?? 'dist');
const port = Number(process.argv[3] ?? 8080);
const couch = process.argv[4] ?? process.env.LINLI_COUCH ?? '';
const COUCH_PATH = '/couchdb/';

/** Passes a request under /couchdb/ to the CouchDB server, streaming both ways. */
function proxy(req, res) {
  const target = new URL(couch);
  const path = target.pathname.replace(/\/?$/, '/') + (req.url ?? '/').slice(COUCH_PATH.length);
  const headers = { ...req.headers, host: target.host };
  const upstream = forward(
    { host: target.hostname, port: target.port, method: req.method, path, headers },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
      // The server went away in the middle of an answer (a long-poll when
      // it stops): cut the client's too, as nginx does, or it waits forever.
      answer.on('aborted', () => res.destroy());
      answer.on('error', () => res.destroy());
    },
  );
  upstream.on('error', () => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
    res.end('{"error":"bad_gateway","reason":"the sync server does not answer"}');
  });
  // A client that goes away (an aborted long-poll) ends the upstream request too.
  res.on('close', () => upstream.destroy());
  req.pipe(upstream);
}
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

async function fileFor(urlPath) {
  const clean = normalize(decodeURIComponent(urlPath.split('?')[0])).replace(/^(\.\.[/\\])+/, '');
  const candidate = join(root, clean);
  if (candidate.startsWith(root)) {
    try {
      if ((await stat(candidate)).isFile()) return candidate;
    } catch {}
  }
  // Paths with a file extension are real files; anything else is an app route.
  return extname(clean) ? null : join(root, 'index.html');
}

const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.wasm', '.css', '.svg', '.json', '.webmanifest']);
const compressed = new Map();

/** The body in the best encoding the browser accepts; compressed once per file. */
function encode(path, body, accepts) {
  if (!COMPRESSIBLE.has(extname(path))) return [body, null];
  const encoding = /\bbr\b/.test(accepts) ? 'br' : /\bgzip\b/.test(accepts) ? 'gzip' : null;
  if (!encoding) return [body, null];
  const key = `${encoding} ${path} ${body.length}`;
  if (!compressed.has(key)) {
    compressed.set(
      key,
      encoding === 'br'
        ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } })
        : gzipSync(body, { level: 9 }),
    );
  }
  return [compressed.get(key), encoding];
}

createServer(async (req, res) => {
  if (couch && (req.url ?? '').startsWith(COUCH_PATH)) {
    proxy(req, res);
    return;
  }
  try {
    const path = await fileFor(req.url ?? '/');
    if (!path) {
      res.writeHead(404).end('not found');
      return;
    }
    const body = await readFile(path);
    const cache = path.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable';
    const [payload, encoding] = encode(path, body, String(req.headers['accept-encoding'] ?? ''));
    const headers = { 'content-type': types[extname(path)] ?? 'application/octet-stream', 'cache-control': cache, vary: 'accept-encoding' };
    if (encoding) headers['content-encoding'] = encoding;
    res.writeHead(200, headers);
    res.end(payload);
  } catch (err) {
    res.writeHead(500).end(String(err));
  }
}).listen(port, '127.0.0.1', () =>
  console.log(`serving ${root} on http://127.0.0.1:${port}` + (couch ? `, ${COUCH_PATH} → ${couch}` : '')),
);
