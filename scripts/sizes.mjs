// Prints what a first visit downloads from the release build in dist/,
// raw, gzip -9 and brotli q11, in two figures: the critical path (what
// Today needs, marked *) and the whole app (every file the service worker
// keeps: all of dist/ but the published schema). Writes them to
// target/dist-sizes.json; with --budget, fails when either is over its
// budget in tests/size-budget.json.
import { readdirSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { sizes, total as sum } from './file-sizes.mjs';
import { join, relative } from 'node:path';

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith('--')) ?? 'dist';
const checkBudget = args.includes('--budget');
const NOT_FETCHED = new Set(['linli-exchange.schema.json']);

function walk(path) {
  return readdirSync(path).flatMap((name) => {
    const full = join(path, name);
    if (name.startsWith('.')) return [];
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

const rows = walk(dir)
  .map((full) => relative(dir, full))
  .filter((name) => !NOT_FETCHED.has(name))
  .sort()
  .map((name) => sizes(name, readFileSync(join(dir, name))));
// What a first visit needs before Today works: everything but the
// screens' chunks (fetched after Today is painted) and the install icons
// (fetched by the service worker's precache).
const later = (name) => /^(split_|chunk_)/.test(name) || name.startsWith('icons/');
const critical = sum(rows.filter((r) => !later(r.file)));
const total = sum(rows);
const pad = (s, n) => String(s).padStart(n);
console.log(`${'file'.padEnd(40)}${pad('raw', 10)}${pad('gzip', 10)}${pad('brotli', 10)}`);
for (const r of rows) console.log(`${(later(r.file) ? '  ' : '* ') + r.file}`.padEnd(40) + `${pad(r.raw, 10)}${pad(r.gzip, 10)}${pad(r.brotli, 10)}`);
console.log(`${'* critical path (before Today)'.padEnd(40)}${pad(critical.raw, 10)}${pad(critical.gzip, 10)}${pad(critical.brotli, 10)}`);
console.log(`${'whole app (all the service worker keeps)'.padEnd(40)}${pad(total.raw, 10)}${pad(total.gzip, 10)}${pad(total.brotli, 10)}`);
writeFileSync('target/dist-sizes.json', JSON.stringify({ files: rows, critical, total }, null, 2));

if (checkBudget) {
  const budget = JSON.parse(readFileSync('tests/size-budget.json', 'utf8'));
  let over = false;
  for (const [what, measured, limit] of [
    ['critical path', critical.brotli, budget.critical_path_brotli_bytes],
    ['whole app', total.brotli, budget.whole_app_brotli_bytes],
  ]) {
    const left = limit - measured;
    if (left < 0) {
      console.error(`size budget exceeded: ${what} ${measured} brotli bytes, budget ${limit} (tests/size-budget.json) — ${-left} over`);
      over = true;
    } else console.log(`size budget, ${what}: ${measured} of ${limit} brotli bytes (${left} left)`);
  }
  console.log(`target for the critical path: ${budget.target_critical_path_brotli_bytes} brotli bytes`);
  if (over) process.exit(1);
}
