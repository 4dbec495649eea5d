// The bytes each page of the built extension loads, and everything shipped, raw and compressed
// by `gzip -9`. Printed as the Package section of BENCHMARKS.md (`./build.sh bench`, or alone:
// `node tests/bench/package.mjs [dist/chrome]` after `./build.sh`).
//
// A page's files are its HTML, the style sheets and scripts it links, every module those
// scripts import, and what a module fetches beside itself (`new URL('…', import.meta.url)`: the
// Wasm). The worker is `worker.js` and what it imports. Gzip is counted file by file, as each is
// fetched on its own.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { execFileSync } from 'node:child_process';
import { root } from '../e2e/harness.mjs';

const dist = join(root, process.argv[2] ?? 'dist/chrome');
const PAGES = [
  ['worker', 'worker.js'],
  ['popup', 'popup.html'],
  ['dashboard', 'dashboard.html'],
  ['settings', 'settings.html'],
  ['welcome', 'welcome.html'],
];
const WASM = 'pkg/follow_through_bg.wasm';

const sizes = (file) => ({
  raw: statSync(join(dist, file)).size,
  gzip: execFileSync('gzip', ['-9', '-n', '-c', join(dist, file)], { maxBuffer: 1 << 30 }).length,
});

/** Files referenced from `file` (relative to `dist`), by the rules above. */
function references(file) {
  const text = readFileSync(join(dist, file), 'utf8');
  const patterns = file.endsWith('.html')
    ? [/<script[^>]*\ssrc="([^"]+)"/g, /<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g]
    : file.endsWith('.js')
      ? [/^\s*import\b[^'"]*['"](\.[^'"]+)['"]/gm, /^\s*\}\s*from\s*['"](\.[^'"]+)['"]/gm,
        /new URL\(['"]([^'"]+)['"],\s*import\.meta\.url\)/g]
      : [];
  return patterns.flatMap((pattern) => [...text.matchAll(pattern)].map((m) => join(dirname(file), m[1])));
}

function loaded(entry) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    references(file).forEach(visit);
  };
  visit(entry);
  return [...seen];
}

function everyFile(dir = dist) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? everyFile(path) : [relative(dist, path)];
  });
}

const total = (files) => files.map(sizes).reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip }));
const kb = (n) => (n / 1024).toFixed(1);
const row = (name, { raw, gzip }) => `| ${name} | ${raw} | ${kb(raw)} | ${gzip} | ${kb(gzip)} |`;

const lines = [
  '## Package',
  '',
  `Method: the files of \`${relative(root, dist)}\` each page loads (its HTML, the style sheets and scripts it links, every module they import and the Wasm the bindings fetch; the worker is \`worker.js\` and what it imports), raw and compressed by \`gzip -9\` file by file (as each is fetched), summed. The Wasm is the one module the worker and every page load, after \`wasm-opt -Oz\`. The locale file the browser reads for the words is not counted.`,
  '',
  '| loaded by | bytes | KB | gzip -9 | KB gzip |',
  '|---|---:|---:|---:|---:|',
  row(`\`${WASM}\` (in every row below)`, sizes(WASM)),
];
for (const [name, entry] of PAGES) {
  const files = loaded(entry);
  if (!files.includes(WASM)) throw new Error(`${entry} does not load the Wasm: ${files.join(', ')}`);
  lines.push(row(`${name}: ${files.filter((f) => f !== WASM).map((f) => `\`${f.replace(/snippets\/[^/]+\//, 'snippets/…/')}\``).join(', ')} + Wasm`, total(files)));
}
const shipped = everyFile();
lines.push(row(`everything shipped (${shipped.length} files)`, total(shipped)));
const zip = join(dirname(dist), `follow-through-${dist.split('/').pop()}.zip`);
lines.push(`| \`${relative(root, zip)}\` | ${statSync(zip).size} | ${kb(statSync(zip).size)} | | |`);
console.log(lines.join('\n'));
