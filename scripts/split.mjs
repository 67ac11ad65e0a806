// Trunk post_build hook (release builds): splits the app's wasm into the
// main module (the shell and Today) and chunks for the other screens
// (src/ui/screens.rs), which Trunk alone cannot do: the split must happen
// between cargo's build and wasm-bindgen (trunk-rs/trunk#1022). So this
// takes cargo's output of the same build, splits it with wasm-split-cli
// (scripts/setup.sh installs it), runs wasm-bindgen and wasm-opt again,
// and puts the results in place of Trunk's files under the same names.
// Chunk files carry a hash of their content: a new build never meets an
// old chunk in a cache. Runs before csp.mjs and precache.mjs, so the
// service worker caches every chunk.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('split.mjs runs as a Trunk hook (TRUNK_STAGING_DIR is not set)');
  process.exit(1);
}
// Debug builds (wasm tests) have no split points: nothing to do.
if (process.env.TRUNK_PROFILE !== 'release') process.exit(0);

const source = process.env.TRUNK_SOURCE_DIR ?? '.';
const html = readFileSync(process.env.TRUNK_HTML_FILE ?? join(source, 'index.html'), 'utf8');
// The benchmark's profiling build keeps names and skips wasm-opt.
const keepDebug = html.includes('data-keep-debug');
const target = process.env.CARGO_TARGET_DIR ?? join(source, 'target');
const input = join(target, 'wasm32-unknown-unknown', 'release', 'linli.wasm');
const work = join(target, 'split');
const parts = join(work, 'parts');
const bound = join(work, 'bound');
rmSync(work, { recursive: true, force: true });
mkdirSync(parts, { recursive: true });
mkdirSync(bound, { recursive: true });

const run = (tool, args) => execFileSync(tool, args, { stdio: ['ignore', 'ignore', 'inherit'] });
const hash = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);
const sri = (bytes) => 'sha384-' + createHash('sha384').update(bytes).digest('base64');
const optimise = (from, to) => (keepDebug ? copyFileSync(from, to) : run('wasm-opt', ['-Oz', from, '-o', to]));

run('wasm-split-cli', [input, parts, '--out-name', 'linli']);
run('wasm-bindgen', [
  '--target=web', '--no-typescript', '--keep-lld-exports', ...(keepDebug ? ['--keep-debug'] : []),
  `--out-dir=${bound}`, '--out-name=linli', join(parts, 'linli.wasm'),
]);

const staged = readdirSync(staging);
const jsName = staged.find((f) => /^linli-[0-9a-f]+\.js$/.test(f));
const wasmName = staged.find((f) => /^linli-[0-9a-f]+_bg\.wasm$/.test(f));
if (!jsName || !wasmName) {
  console.error(`split.mjs: Trunk's linli-*.js / linli-*_bg.wasm are not in ${staging}`);
  process.exit(1);
}

// The chunks, optimised and renamed by content; the loader points at them
// and at the main module's JavaScript.
let loader = readFileSync(join(parts, '__wasm_split.js'), 'utf8').replace('"./linli.js"', JSON.stringify(`./${jsName}`));
for (const file of readdirSync(parts).filter((f) => f.endsWith('.wasm') && f !== 'linli.wasm')) {
  const optimised = join(work, file);
  optimise(join(parts, file), optimised);
  const bytes = readFileSync(optimised);
  const name = `${file.replace(/\.wasm$/, '')}-${hash(bytes)}.wasm`;
  writeFileSync(join(staging, name), bytes);
  loader = loader.replaceAll(`"./${file}"`, `"./${name}"`);
}
const loaderName = `linli-split-${hash(loader)}.js`;
writeFileSync(join(staging, loaderName), loader);

// Only the module it is imported from changes; the wasm's import name stays.
const js = readFileSync(join(bound, 'linli.js'), 'utf8').replaceAll('from "./__wasm_split.js"', `from "./${loaderName}"`);
writeFileSync(join(staging, jsName), js);
optimise(join(bound, 'linli_bg.wasm'), join(staging, wasmName));

// Trunk's preload links carry integrity hashes of the files replaced above.
const indexPath = join(staging, 'index.html');
let index = readFileSync(indexPath, 'utf8');
for (const name of [jsName, wasmName]) {
  const integrity = sri(readFileSync(join(staging, name)));
  index = index.replace(new RegExp(`(href="[^"]*${name}"[^>]*integrity=")[^"]*"`), `$1${integrity}"`);
}
writeFileSync(indexPath, index);
