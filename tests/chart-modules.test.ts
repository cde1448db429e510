// The charts draw; the provider computes. A page that shows only charts loads
// drawing code: the counting (live statuses, breakdowns, trends) reaches them
// through the provider's context. Run after `npm run build` (as `npm test` does).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = `${root}packages/elements/dist/`;

/** The modules whose code a minified browser bundle of `entry` (a built file) keeps, as paths under `packages/`. */
async function modulesOf(entry: string): Promise<string[]> {
  assert.ok(existsSync(`${dist}${entry}`), `${entry} is not built: run \`npm run build\` first`);
  const result = await build({
    entryPoints: [`${dist}${entry}`], bundle: true, minify: true, write: false, metafile: true, format: 'esm', platform: 'browser',
    conditions: ['browser', 'production'], logLevel: 'silent',
  });
  // Every module of the package barrel is read; only those with bytes in the output are kept.
  const kept = Object.values(result.metafile.outputs).flatMap((o) => Object.entries(o.inputs).filter(([, i]) => i.bytesInOutput > 0).map(([f]) => f));
  return kept.filter((f) => f.includes('packages/')).map((f) => f.replace(/^.*packages\//, ''));
}

const COUNTING = ['elements/dist/shared/live-statuses.js', 'elements/dist/shared/figures.js', 'rules/dist/breakdown/breakdown.js', 'rules/dist/trend/trend.js', 'rules/dist/engine/live-status.js'];

describe('the chart modules', () => {
  for (const entry of ['trend-chart/trend-chart.js', 'cohort-gauge/cohort-gauge.js']) {
    it(`${entry} holds no counting code: its figures come from the provider`, async () => {
      const modules = await modulesOf(entry);
      assert.ok(modules.includes(`elements/dist/${entry}`));
      assert.deepEqual(modules.filter((m) => COUNTING.includes(m)), []);
    });
  }

  it('the provider holds the counting the charts ask it for', async () => {
    const modules = await modulesOf('provider/provider.js');
    assert.deepEqual(COUNTING.filter((m) => !modules.includes(m)), []);
  });
});
