import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

// The built CLI as a user gets it after `npm ci && npm run build` (npm test builds first).
const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'node_modules/.bin/ontrack');
const primary = 'examples/data/primary-school.json';
const trust = 'examples/data/two-school-trust.json';
const trustPolicy = 'examples/data/trust-policy.json';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function ontrack(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(bin, args, { cwd: root, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** Writes a temporary file and returns its path. */
function temp(name: string, content: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'ontrack-cli-'));
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}

/** Asserts a bad-input run: exit 2, nothing on stdout, no stack trace, and returns the stderr lines. */
function badInput(run: Run): string[] {
  assert.equal(run.code, 2, run.stderr);
  assert.equal(run.stdout, '');
  assert.doesNotMatch(run.stderr, /\n\s+at /);
  return run.stderr.trimEnd().split('\n');
}

describe('ontrack evaluate', () => {
  interface Result {
    date: string;
    statuses: { pupilId: string; subjectId: string; status: string | null; source: string }[];
    interventions: { ruleId: string; pupilId?: string; subjectId?: string; classId?: string; notify: string[]; because: { fact: string; factValue: unknown }[] }[];
    summary: { total: number; counts: Record<string, number>; percent: Record<string, number> };
  }
  const fired = (r: Result, ruleId: string): string[] =>
    r.interventions.filter((i) => i.ruleId === ruleId).map((i) => [i.pupilId ?? i.classId, i.subjectId].filter((x) => x !== undefined).join(' '));

  it('prints the EvaluationResult of the primary school, where every default rule fires', async () => {
    const run = await ontrack('evaluate', primary, '--date', '2027-01-20');
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr, '');
    const r = JSON.parse(run.stdout) as Result;
    assert.deepEqual(Object.keys(r), ['date', 'statuses', 'interventions', 'summary']);
    assert.equal(r.date, '2027-01-20');
    assert.equal(r.statuses.length, 48);
    assert.equal(r.summary.total, 48);
    assert.deepEqual(Object.keys(r.summary.counts), ['below', 'on', 'above']);
    assert.deepEqual(fired(r, 'below-persistent').sort(), ['p1 maths', 'p2 reading']);
    assert.deepEqual(fired(r, 'below-multiple-subjects'), ['p2']);
    assert.deepEqual(fired(r, 'below-send'), ['p3 writing']);
    assert.deepEqual(fired(r, 'below-low-attendance'), ['p4 maths']);
    assert.deepEqual(fired(r, 'above-challenge').sort(), ['p5 reading', 'p9 writing']);
    assert.deepEqual(fired(r, 'sharp-decline'), ['p6 maths']);
    assert.deepEqual(fired(r, 'evidence-mismatch'), ['p7 maths']);
    assert.deepEqual(fired(r, 'class-unreviewed'), ['5M science']);
    assert.deepEqual(fired(r, 'below-in-class').sort(), ['p1 maths', 'p2 maths', 'p2 reading', 'p2 writing', 'p3 writing', 'p4 maths', 'p6 maths']);
    const decline = r.interventions.find((i) => i.ruleId === 'sharp-decline');
    assert.deepEqual(decline?.because.map((b) => [b.fact, b.factValue]), [['rankChange', -2]]);
  });
  it('applies the trust policy: five levels, its own rule, a rule removed, a changed threshold', async () => {
    const run = await ontrack('evaluate', trust, '--policy', trustPolicy, '--date', '2027-01-20');
    assert.equal(run.code, 0, run.stderr);
    const r = JSON.parse(run.stdout) as Result;
    assert.deepEqual(Object.keys(r.summary.counts), ['well-below', 'below', 'on', 'above', 'well-above']);
    assert.deepEqual(fired(r, 'pp-below-reading').sort(), ['h1 reading', 'h4 reading', 'w1 reading', 'w6 reading']);
    assert.deepEqual(fired(r, 'above-challenge'), []);
    // w6 (attendance 91) is below in reading: under the trust's 92 %, not the default 90 %.
    assert.ok(fired(r, 'below-low-attendance').includes('w6 reading'));
  });
  it('evaluates as of today when no date is given', async () => {
    const r = JSON.parse((await ontrack('evaluate', primary)).stdout) as Result;
    assert.equal(r.date, new Date().toISOString().slice(0, 10));
  });
  it('rejects a bad date, a missing file argument and a broken policy', async () => {
    assert.deepEqual(badInput(await ontrack('evaluate', primary, '--date', 'tomorrow')), ['ontrack evaluate --date: must be a real date written YYYY-MM-DD (got "tomorrow")']);
    assert.deepEqual(badInput(await ontrack('evaluate')), ['ontrack evaluate: needs a DATA.json file; see ontrack evaluate --help']);
    const policy = temp('p.json', JSON.stringify({ rules: [{ name: 'r', conditions: { any: [{ fact: 'status', operator: 'matches', value: 'x' }] }, event: { type: 'intervention', params: { action: 'a', notify: [], priority: 1 } } }] }));
    assert.deepEqual(badInput(await ontrack('evaluate', primary, '--policy', policy)), [
      `${policy} $.rules[0].conditions.any[0].operator: unknown operator "matches"; use one of equal, notEqual, in, notIn, contains, doesNotContain, lessThan, lessThanInclusive, greaterThan, greaterThanInclusive`,
    ]);
  });
});

describe('ontrack validate', () => {
  it('exits 0 on the primary school example', async () => {
    const run = await ontrack('validate', primary);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /primary-school\.json: valid \(12 pupils, 4 subjects, 17 judgements, 2 snapshots\)/);
    assert.equal(run.stderr, '');
  });
  it('exits 0 on the trust example with the trust policy', async () => {
    const run = await ontrack('validate', trust, '--policy', trustPolicy);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /trust-policy\.json: valid policy/);
  });
  it('rejects the trust example without its policy: its five-level judgements are unknown levels', async () => {
    const lines = badInput(await ontrack('validate', trust));
    assert.ok(lines.length > 0);
    for (const line of lines) assert.match(line, /^examples\/data\/two-school-trust\.json \$\.(judgements|snapshots)\[\d+\]\S*: unknown level "(well-below|well-above)"/);
  });
  it('prints one line per problem naming the file and the JSON path', async () => {
    const bad = JSON.parse(await import('node:fs/promises').then((fs) => fs.readFile(join(root, primary), 'utf8'))) as {
      judgements: Record<string, unknown>[];
      pupils: { attributes: Record<string, unknown> }[];
      calendar: { halfTerms: Record<string, unknown>[] };
    };
    (bad.judgements[3] ?? {}).pupilId = 'p99';
    (bad.pupils[0] ?? { attributes: {} }).attributes.attendance = 140;
    (bad.calendar.halfTerms[1] ?? {}).end = '2026-02-30';
    const file = temp('bad.json', JSON.stringify(bad));
    assert.deepEqual(badInput(await ontrack('validate', file)), [
      `${file} $.calendar.halfTerms[1].end: must be a date written YYYY-MM-DD`,
      `${file} $.judgements[3].pupilId: unknown pupil "p99"`,
      `${file} $.pupils[0].attributes.attendance: must be a percentage from 0 to 100`,
    ]);
  });
  it('reports a broken policy and the data file together', async () => {
    const policy = temp('policy.json', JSON.stringify({ defaultLevel: 'secure', rules: [{ name: 'x', conditions: { all: [{ fact: 'nope', operator: 'equal', value: 1 }] }, event: { type: 'intervention', params: { action: 'a', notify: [], priority: 1, scope: 'class-subject' } } }] }));
    const data = temp('data.json', '{"version":1}');
    const lines = badInput(await ontrack('validate', data, '--policy', policy));
    assert.deepEqual(lines.slice(0, 2), [
      `${policy} $.defaultLevel: "secure" is not a level; the levels are "below", "on", "above"`,
      `${policy} $.rules[0].conditions.all[0].fact: unknown fact "nope" for a class-subject rule`,
    ]);
    assert.ok(lines.slice(2).every((l) => l.startsWith(`${data} $`)) && lines.length > 2);
  });
  it('rejects an unreadable file, bad JSON and a JSON array with one line each', async () => {
    assert.deepEqual(badInput(await ontrack('validate', 'no/such/file.json')), ['no/such/file.json $: cannot read the file (no such file)']);
    const broken = temp('broken.json', '{"version": 1,');
    const [line, ...more] = badInput(await ontrack('validate', broken));
    assert.match(line ?? '', new RegExp(`^${broken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\$: not valid JSON: `));
    assert.deepEqual(more, []);
    assert.match(badInput(await ontrack('validate', temp('a.json', '[]')))[0] ?? '', /a\.json \$: /);
  });
  it('rejects bad flags and missing arguments without a stack trace', async () => {
    assert.match(badInput(await ontrack('validate', primary, '--colour'))[0] ?? '', /^ontrack validate: Unknown option '--colour'/);
    assert.deepEqual(badInput(await ontrack('validate')), ['ontrack validate: needs a DATA.json file or --policy POLICY.json; see ontrack validate --help']);
    assert.match(badInput(await ontrack('validate', primary, '--policy'))[0] ?? '', /^ontrack validate: Option '--policy <value>' argument missing/);
  });
});

describe('ontrack snapshot', () => {
  it('prints the data file with the new snapshot added', async () => {
    const run = await ontrack('snapshot', primary, '--half-term', 'spr1', '--date', '2027-02-12');
    assert.equal(run.code, 0, run.stderr);
    const data = JSON.parse(run.stdout) as { snapshots: { halfTermId: string; takenOn: string; statuses: { status: string | null }[] }[]; pupils: unknown[] };
    assert.deepEqual(data.snapshots.map((s) => s.halfTermId), ['aut1', 'aut2', 'spr1']);
    const added = data.snapshots[2];
    assert.ok(added);
    assert.equal(added.takenOn, '2027-02-12');
    assert.equal(added.statuses.length, 48);
    // The output is itself a valid data file.
    const again = await ontrack('validate', temp('next.json', run.stdout));
    assert.equal(again.code, 0, again.stderr);
  });
  it('drops __proto__ keys of the input and keeps other unknown fields', async () => {
    const text = (await import('node:fs/promises').then((fs) => fs.readFile(join(root, primary), 'utf8'))).replace('"version": 1,', '"version": 1, "__proto__": {"polluted": true}, "misVendor": "x",');
    const run = await ontrack('snapshot', temp('proto.json', text), '--half-term', 'spr1', '--date', '2027-02-12');
    assert.equal(run.code, 0, run.stderr);
    const out = JSON.parse(run.stdout) as Record<string, unknown>;
    assert.equal(Object.hasOwn(out, '__proto__'), false);
    assert.equal(out.misVendor, 'x');
  });
  it('refuses to rewrite an existing snapshot', async () => {
    assert.deepEqual(badInput(await ontrack('snapshot', primary, '--half-term', 'aut1', '--date', '2027-01-20')), [
      `${primary} $.snapshots[0]: half-term "aut1" already has a snapshot (taken on 2026-10-23); a snapshot is never rewritten`,
    ]);
  });
  it('rejects an unknown half-term, a missing one and a bad date', async () => {
    assert.deepEqual(badInput(await ontrack('snapshot', primary, '--half-term', 'winter', '--date', '2027-01-20')), [`${primary} $.calendar.halfTerms: no half-term "winter" (--half-term)`]);
    assert.deepEqual(badInput(await ontrack('snapshot', primary)), ['ontrack snapshot --half-term: needs --half-term ID']);
    assert.deepEqual(badInput(await ontrack('snapshot', primary, '--half-term', 'spr1', '--date', '2027-02-30')), ['ontrack snapshot --date: must be a real date written YYYY-MM-DD (got "2027-02-30")']);
  });
});

describe('ontrack schema', () => {
  it('prints the dataset JSON Schema, the same as the shipped file', async () => {
    const run = await ontrack('schema', 'dataset');
    assert.equal(run.code, 0, run.stderr);
    const shipped = await import('node:fs/promises').then((fs) => fs.readFile(join(root, 'packages/rules/schema/dataset.schema.json'), 'utf8'));
    assert.deepEqual(JSON.parse(run.stdout), JSON.parse(shipped));
  });
  it('ships both schemas as package exports', async () => {
    const { createRequire } = await import('node:module');
    const require = createRequire(import.meta.url);
    for (const name of ['dataset', 'policy']) {
      const schema = require(`@ontrack/rules/schema/${name}.schema.json`) as { $id: string; $schema: string };
      assert.equal(schema.$id, `https://ontrack.invalid/schema/${name}.schema.json`);
      assert.match(schema.$schema, /2020-12/);
    }
  });
  it('prints both schemas without an argument', async () => {
    const run = await ontrack('schema');
    assert.deepEqual(Object.keys(JSON.parse(run.stdout) as object), ['dataset', 'policy']);
  });
  it('rejects an unknown schema name', async () => {
    assert.deepEqual(badInput(await ontrack('schema', 'pupils')), ['ontrack schema: unknown schema "pupils"; use dataset or policy']);
  });
});

describe('ontrack help and commands', () => {
  for (const command of ['evaluate', 'validate', 'snapshot', 'schema']) {
    it(`prints help for ${command} on stdout and exits 0`, async () => {
      const run = await ontrack(command, '--help');
      assert.equal(run.code, 0);
      assert.match(run.stdout, new RegExp(`^Usage: ontrack ${command}`));
      assert.equal(run.stderr, '');
    });
  }
  it('prints the overview for --help', async () => {
    const run = await ontrack('--help');
    assert.equal(run.code, 0);
    assert.match(run.stdout, /Commands:/);
  });
  it('exits 2 for no command or an unknown one, with nothing on stdout', async () => {
    assert.deepEqual(badInput(await ontrack()), ['ontrack: needs a command (evaluate, validate, snapshot, schema); see ontrack --help']);
    assert.deepEqual(badInput(await ontrack('frobnicate')), ['ontrack: unknown command "frobnicate"; see ontrack --help']);
  });
});
