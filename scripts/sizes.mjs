// Prints what a first visit downloads from the release build in dist/ —
// every file the page and the service worker fetch (all of dist/ but the
// published schema) — raw, gzip -9 and brotli q11, writes the figures to
// target/dist-sizes.json, and fails when the brotli total is over the
// budget in tests/size-budget.json (--budget).
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
const total = sum(rows);
const pad = (s, n) => String(s).padStart(n);
console.log(`${'file'.padEnd(40)}${pad('raw', 10)}${pad('gzip', 10)}${pad('brotli', 10)}`);
for (const r of rows) console.log(`${r.file.padEnd(40)}${pad(r.raw, 10)}${pad(r.gzip, 10)}${pad(r.brotli, 10)}`);
console.log(`${'first visit total'.padEnd(40)}${pad(total.raw, 10)}${pad(total.gzip, 10)}${pad(total.brotli, 10)}`);
writeFileSync('target/dist-sizes.json', JSON.stringify({ files: rows, total }, null, 2));

if (checkBudget) {
  const budget = JSON.parse(readFileSync('tests/size-budget.json', 'utf8'));
  const limit = budget.first_visit_brotli_bytes;
  const left = limit - total.brotli;
  if (left < 0) {
    console.error(`size budget exceeded: ${total.brotli} brotli bytes, budget ${limit} (tests/size-budget.json) — ${-left} over`);
    process.exit(1);
  }
  console.log(`size budget: ${total.brotli} of ${limit} brotli bytes (${left} left; target ${budget.target_brotli_bytes})`);
}
