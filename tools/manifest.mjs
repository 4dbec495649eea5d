// Writes one browser's manifest.json from extension/manifest.jsonc (see the comment on top of
// it). Usage: node tools/manifest.mjs chrome|firefox VERSION > manifest.json
import { readFileSync } from 'node:fs';
import { parse, printParseErrorCode } from 'jsonc-parser';

const [browser, version] = process.argv.slice(2);
const errors = [];
const template = parse(readFileSync(new URL('../extension/manifest.jsonc', import.meta.url), 'utf8'), errors);
if (errors.length) {
  throw new Error(`manifest.jsonc: ${errors.map((e) => `${printParseErrorCode(e.error)} at ${e.offset}`).join(', ')}`);
}
const patch = template.browsers?.[browser];
if (!patch || !version) throw new Error('usage: node tools/manifest.mjs chrome|firefox VERSION');

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const merge = (base, over) => Object.fromEntries(
  [...new Set([...Object.keys(base), ...Object.keys(over)])].map((key) => [key,
    isObject(base[key]) && isObject(over[key]) ? merge(base[key], over[key]) : (key in over ? over[key] : base[key])]),
);
const { browsers, ...shared } = template;
process.stdout.write(`${JSON.stringify({ ...merge(shared, patch), version }, null, 2)}\n`);
