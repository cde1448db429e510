import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import Papa from 'papaparse';
import { evaluate, resolvePolicy, validateDataset } from '@ontrack/rules';
import { COLUMNS } from '../examples/04-nightly-job/nightly.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
const script = join(repo, 'examples', '04-nightly-job', 'nightly.ts');
const dataFile = join(repo, 'examples', 'data', 'two-school-trust.json');
const policyFile = join(repo, 'examples', 'data', 'trust-policy.json');
const dir = mkdtempSync(join(tmpdir(), 'ontrack-nightly-'));

/** Runs the example's one command; resolves with its exit code and output. */
function run(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', script, ...args], { cwd: repo }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

describe('examples/04-nightly-job', () => {
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes one CSV row per intervention the engine finds for the trust', async () => {
    const out = join(dir, 'interventions.csv');
    const { code, stdout } = await run([dataFile, '--policy', policyFile, '--date', '2027-01-20', '--out', out]);
    assert.equal(code, 0);
    const policy = resolvePolicy(JSON.parse(readFileSync(policyFile, 'utf8')), 'trust-policy.json');
    const expected = evaluate(validateDataset(JSON.parse(readFileSync(dataFile, 'utf8')), policy), policy, { date: '2027-01-20' }).interventions;
    assert.ok(expected.length > 0, 'the sample trust has interventions on that date');
    const rows = Papa.parse<string[]>(readFileSync(out, 'utf8').trimEnd(), { newline: '\r\n' }).data;
    assert.deepEqual(rows[0], [...COLUMNS]);
    assert.equal(rows.length - 1, expected.length);
    assert.match(stdout, new RegExp(`^${String(expected.length)} interventions written to `));
    const ruleIds = new Set(expected.map((i) => i.ruleId));
    for (const row of rows.slice(1)) {
      assert.equal(row[0], '2027-01-20');
      assert.ok(ruleIds.has(row[2] ?? ''), `rule ${String(row[2])}`);
    }
  });

  it('refuses a bad data file with exit code 2 and the JSON path, no stack trace', async () => {
    const bad = JSON.parse(readFileSync(dataFile, 'utf8')) as { pupils: { yearGroup: unknown }[] };
    const first = bad.pupils[0];
    if (first) first.yearGroup = 5;
    const badFile = join(dir, 'bad.json');
    writeFileSync(badFile, JSON.stringify(bad));
    const { code, stderr } = await run([badFile, '--out', join(dir, 'never.csv')]);
    assert.equal(code, 2);
    assert.match(stderr, /\$\.pupils\[0\]\.yearGroup/);
    assert.doesNotMatch(stderr, /\n\s+at /);
  });
});
