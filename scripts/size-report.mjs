// `npm run size`: after `rollup -c --configSize` has written the size bundles
// (everything an entry loads, inlined and minified) to .cache/size/, prints
// each one's bytes minified and minified + gzip -9.
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const dir = new URL('../.cache/size/', import.meta.url);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log('| entry point | min | min+gzip |\n|---|---|---|');
for (const file of readdirSync(dir).filter((f) => f.endsWith('.js')).sort()) {
  const code = readFileSync(new URL(file, dir));
  console.log(`| ${file.replace(/\.js$/, '')} | ${kb(code.length)} | ${kb(gzipSync(code, { level: 9 }).length)} |`);
}
