// Trunk post_build hook: finishes a build in order. Trunk starts the hooks
// of one stage side by side, and these depend on each other: the split
// replaces the wasm and JavaScript files; the Content-Security-Policy is
// written into index.html; the service worker lists the final files.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

for (const step of ['split.mjs', 'csp.mjs', 'precache.mjs']) {
  execFileSync(process.execPath, [join(import.meta.dirname, step)], { stdio: 'inherit' });
}
