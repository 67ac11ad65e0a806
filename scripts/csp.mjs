// Trunk post_build hook: puts the Content-Security-Policy into index.html.
// Trunk writes its wasm loader as an inline module script; rather than allow
// inline scripts at all, the policy allows exactly that script by its
// SHA-256. WebAssembly needs 'wasm-unsafe-eval'; nothing needs 'unsafe-eval'
// or 'unsafe-inline', and nothing is fetched from another origin.
// README "Hosting" gives the same policy as an HTTP header.
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('csp.mjs runs as a Trunk hook (TRUNK_STAGING_DIR is not set)');
  process.exit(1);
}
const index = join(staging, 'index.html');
const html = await readFile(index, 'utf8');
const hashes = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)]
  .map((m) => m[1])
  .filter((body) => body.trim() !== '')
  .map((body) => `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`);
const policy = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`.trim(),
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');
if (!html.includes('__LINLI_CSP__')) {
  console.error('csp.mjs: index.html has no __LINLI_CSP__ placeholder');
  process.exit(1);
}
await writeFile(index, html.replace('__LINLI_CSP__', policy));
console.log(`csp: ${hashes.length} inline script(s) allowed by hash`);
