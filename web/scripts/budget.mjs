// Prints the guide's first load (the entry's JavaScript, its static imports and its CSS),
// gzipped, and fails the build above the budget of 150 KB. Lazy chunks (e.g. OpenID Connect,
// loaded only when signing in with it) are not part of the first load.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET = 150 * 1024;
const out = process.argv[2] ?? process.env.RINNALLA_WEB_OUT ?? 'dist';
const manifest = JSON.parse(readFileSync(join(out, '.vite', 'manifest.json'), 'utf8'));
const seen = new Set();
const files = [];
function visit(key) {
  if (seen.has(key)) return;
  seen.add(key);
  const chunk = manifest[key];
  files.push(chunk.file, ...(chunk.css ?? []));
  for (const imported of chunk.imports ?? []) visit(imported);
}
visit('index.html');
let total = 0;
for (const file of files) {
  const size = gzipSync(readFileSync(join(out, file)), { level: 9 }).length;
  total += size;
  console.log(`  ${file}: ${(size / 1024).toFixed(1)} KB gzipped`);
}
console.log(`First load: ${(total / 1024).toFixed(1)} KB of JavaScript and CSS gzipped (budget ${BUDGET / 1024} KB)`);
if (total > BUDGET) {
  console.error('Over the budget.');
  process.exit(1);
}
