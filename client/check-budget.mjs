#!/usr/bin/env node
// Prints the size of every JavaScript and CSS file of the client build and fails (exit 1) when the JavaScript of
// the first load — the entry and everything it imports statically — is above the budget, gzipped. Screens loaded
// on demand (dynamic imports) are listed but do not count: they are not part of the first load.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 80 * 1000;
const dist = join(dirname(fileURLToPath(import.meta.url)), 'dist');
const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'));

const entries = Object.entries(manifest).filter(([, chunk]) => chunk.isEntry);
if (entries.length !== 1) throw new Error(`expected one entry in the manifest, found ${entries.length}`);

const initial = new Set();
const visit = (key) => {
  const chunk = manifest[key];
  if (!chunk || initial.has(chunk.file)) return;
  initial.add(chunk.file);
  for (const css of chunk.css ?? []) initial.add(css);
  for (const next of chunk.imports ?? []) visit(next);
};
visit(entries[0][0]);

const files = new Set(Object.values(manifest).flatMap((chunk) => [chunk.file, ...(chunk.css ?? [])]));
const rows = [...files]
  .filter((file) => /\.(js|css)$/.test(file))
  .map((file) => {
    const content = readFileSync(join(dist, file));
    return { file, raw: content.length, gzip: gzipSync(content, { level: 9 }).length, first: initial.has(file) };
  })
  .sort((a, b) => Number(b.first) - Number(a.first) || b.gzip - a.gzip);

const kb = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;
console.log('\nclient bundle (gzip level 9):');
for (const row of rows) {
  console.log(
    `  ${row.first ? 'first load' : 'on demand '}  ${kb(row.gzip).padStart(9)} gzip  ${kb(row.raw).padStart(9)} raw  ${row.file}`,
  );
}
const firstJs = rows.filter((row) => row.first && row.file.endsWith('.js')).reduce((sum, row) => sum + row.gzip, 0);
const firstCss = rows.filter((row) => row.first && row.file.endsWith('.css')).reduce((sum, row) => sum + row.gzip, 0);
console.log(`\nfirst load: ${kb(firstJs)} of JavaScript (budget ${kb(BUDGET_BYTES)}), ${kb(firstCss)} of CSS, gzipped`);
if (firstJs > BUDGET_BYTES) {
  console.error(
    `over budget by ${kb(firstJs - BUDGET_BYTES)}: move a screen behind a dynamic import or drop a dependency`,
  );
  process.exit(1);
}
