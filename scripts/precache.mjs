// Trunk post_build hook: writes sw.js into the build with the exact list of
// the build's files and a version derived from their contents, so a new
// build is a new service worker and an unchanged one is not.
import { createHash } from 'node:crypto';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

const staging = process.env.TRUNK_STAGING_DIR;
const source = process.env.TRUNK_SOURCE_DIR ?? '.';
const base = (process.env.TRUNK_PUBLIC_URL ?? '/').replace(/\/?$/, '/');
if (!staging) {
  console.error('precache.mjs runs as a Trunk hook (TRUNK_STAGING_DIR is not set)');
  process.exit(1);
}

async function files(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await files(path)));
    else out.push(path);
  }
  return out;
}

// The schema is documentation, not part of the app; sw.js is the worker itself.
const skip = new Set(['sw.js', 'linli-exchange.schema.json']);
const all = (await files(staging)).filter((p) => !skip.has(relative(staging, p).split(sep).join('/'))).sort();
const hash = createHash('sha256');
const urls = [];
for (const path of all) {
  const rel = relative(staging, path).split(sep).join('/');
  hash.update(rel).update(await readFile(path));
  urls.push(rel === 'index.html' ? base : base + rel);
}
const version = hash.digest('hex').slice(0, 12);
const template = await readFile(join(source, 'public', 'sw.js'), 'utf8');
const worker = template
  .replace("'__VERSION__'", JSON.stringify(version))
  .replace('__FILES__', JSON.stringify(urls, null, 2))
  .replace('__SHELL__', JSON.stringify(base));
await writeFile(join(staging, 'sw.js'), worker);
// The page shows which build it runs (Data tab) and compares it with the worker's.
const index = join(staging, 'index.html');
const html = await readFile(index, 'utf8');
await writeFile(index, html.replace('__LINLI_BUILD__', version));
console.log(`sw.js: ${urls.length} files, version ${version}`);
