// `npm run bench`: runs every bench/*.bench.ts, prints a table, writes bench/results.json.
import { readdir, writeFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Comparison, type Result, machine } from './harness.js';

const dir = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv.slice(2);
const files = (await readdir(dir)).filter((f) => f.endsWith('.bench.ts') && (only.length === 0 || only.some((o) => f.includes(o)))).sort();
const results: Result[] = [];
const date = new Date().toISOString();
const host = machine();

for (const file of files) {
  console.error(`running ${file}…`);
  const mod = (await import(pathToFileURL(`${dir}${file}`).href)) as { run: () => Promise<Comparison[]> };
  for (const c of await mod.run()) results.push({ ...c, ratio: c.peer / c.ours, machine: host, date });
}

const fmt = (n: number, unit: string): string => (unit === 'bytes' ? `${(n / 1024).toFixed(1)} KB` : `${n.toFixed(n < 10 ? 2 : 0)} ms`);
console.log(`\nOnTrack benchmarks — ${host}\n`);
console.log('| what | ours | peer | peer ÷ ours |');
console.log('|---|---|---|---|');
for (const r of results) console.log(`| ${r.what} | ${fmt(r.ours, r.unit)} | ${fmt(r.peer, r.unit)} (${r.peerName}) | ${Number.isFinite(r.ratio) ? `${r.ratio.toFixed(1)}×` : "— (ours is 0)"} |`);
await writeFile(new URL('./results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
console.log('\nwritten to bench/results.json');
