// Serves a built dist/ folder on 127.0.0.1 the way a static host would,
// answering unknown paths with index.html so deep links load the app, and
// compressing text and wasm (brotli, else gzip) as any decent host does.
// Usage: node scripts/serve-dist.mjs [dir] [port]
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const root = resolve(process.argv[2] ?? 'dist');
const port = Number(process.argv[3] ?? 8080);
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
}).listen(port, '127.0.0.1', () => console.log(`serving ${root} on http://127.0.0.1:${port}`));
