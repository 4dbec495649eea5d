// The bytes each page of the built extension loads, and everything shipped, raw and compressed
// by `gzip -9`. Printed as the Package section of BENCHMARKS.md (`./build.sh bench`, or alone:
// `node tests/bench/package.mjs [dist/chrome]` after `./build.sh`).
//
// A page's files are its HTML, the style sheets and scripts it links, every module those
// scripts import, and what a module fetches beside itself (`new URL('…', import.meta.url)`: the
// Wasm). The worker is `worker.js` and what it imports. Gzip is counted file by file, as each is
// fetched on its own. The worker loads its Wasm and the pages share theirs: each row names the
// Wasm it loads, whose own bytes head the table.
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
const WASMS = ['pkg/worker_bg.wasm', 'pkg/pages_bg.wasm'];

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
  `Method: the files of \`${relative(root, dist)}\` each page loads (its HTML, the style sheets and scripts it links, every module they import and the Wasm the bindings fetch; the worker is \`worker.js\` and what it imports), raw and compressed by \`gzip -9\` file by file (as each is fetched), summed. There are two Wasm files, after \`wasm-opt -Oz\`: the worker's, and the one every page loads; each is the core with its side's entry points only (\`wasm/worker\`, \`wasm/pages\`). The locale file the browser reads for the words is not counted.`,
  '',
  '| loaded by | bytes | KB | gzip -9 | KB gzip |',
  '|---|---:|---:|---:|---:|',
  ...WASMS.map((wasm) => row(`\`${wasm}\``, sizes(wasm))),
];
for (const [name, entry] of PAGES) {
  const files = loaded(entry);
  const wasm = WASMS.filter((w) => files.includes(w));
  if (wasm.length !== 1) throw new Error(`${entry} does not load one Wasm: ${files.join(', ')}`);
  const others = files.filter((f) => f !== wasm[0]).map((f) => `\`${f.replace(/snippets\/[^/]+\//, 'snippets/…/')}\``);
  lines.push(row(`${name}: ${others.join(', ')} + \`${wasm[0]}\``, total(files)));
}
const shipped = everyFile();
lines.push(row(`everything shipped (${shipped.length} files)`, total(shipped)));
const zip = join(dirname(dist), `follow-through-${dist.split('/').pop()}.zip`);
lines.push(`| \`${relative(root, zip)}\` | ${statSync(zip).size} | ${kb(statSync(zip).size)} | | |`);
console.log(lines.join('\n'));
