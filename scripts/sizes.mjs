// Prints the release build's sizes: raw, gzip -9 and brotli q11 for the
// wasm, js and css files in dist/, and writes them to dist-sizes.json.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { extname, join } from 'node:path';

const dir = process.argv[2] ?? 'dist';
const rows = [];
for (const name of readdirSync(dir).sort()) {
  const ext = extname(name);
  if (!['.wasm', '.js', '.css', '.html'].includes(ext)) continue;
  const body = readFileSync(join(dir, name));
  rows.push({
    file: name,
    raw: body.length,
    gzip: gzipSync(body, { level: 9 }).length,
    brotli: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  });
}
const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
const pad = (s, n) => String(s).padStart(n);
console.log(`${'file'.padEnd(40)}${pad('raw', 10)}${pad('gzip', 10)}${pad('brotli', 10)}`);
for (const r of rows) console.log(`${r.file.padEnd(40)}${pad(r.raw, 10)}${pad(r.gzip, 10)}${pad(r.brotli, 10)}`);
console.log(`${'total'.padEnd(40)}${pad(total.raw, 10)}${pad(total.gzip, 10)}${pad(total.brotli, 10)}`);
writeFileSync('target/dist-sizes.json', JSON.stringify({ files: rows, total }, null, 2));
