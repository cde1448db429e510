/**
 * Example 04: a nightly job that uses `@ontrack/rules` alone (no DOM, no
 * elements) to evaluate a trust and write the interventions to CSV.
 *
 *   node --import tsx examples/04-nightly-job/nightly.ts DATA.json [--policy POLICY.json] [--date YYYY-MM-DD] [--out interventions.csv]
 *
 * Bad input exits 2 with one line per problem naming the file and the JSON path.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { OnTrackError, evaluate, resolvePolicy, toCsv, todayUtc, validateDataset, type BecauseItem, type EvaluationResult, type TrackingDataset } from '@ontrack/rules';

/** The CSV's columns, one row per intervention, most urgent first. */
export const COLUMNS = ['date', 'priority', 'ruleId', 'schoolId', 'pupilId', 'pupil', 'yearGroup', 'classId', 'subjectId', 'action', 'notify', 'because'] as const;

/** One condition of a rule's `because`, in plain words: `attendance lessThan 90 (was 86.5)`. */
function describe(b: BecauseItem): string {
  return `${b.fact} ${b.operator} ${JSON.stringify(b.value)} (was ${JSON.stringify(b.factValue)})`;
}

/** The interventions of an evaluation as CSV rows (text made safe against spreadsheet formulas by `toCsv`). */
export function interventionsCsv(result: EvaluationResult, data: TrackingDataset): string {
  const pupils = new Map(data.pupils.map((p) => [p.id, p]));
  return toCsv(
    [...COLUMNS],
    result.interventions.map((i) => {
      const p = i.pupilId === undefined ? undefined : pupils.get(i.pupilId);
      return [
        result.date, i.priority, i.ruleId, p?.schoolId ?? data.school?.id, i.pupilId, p ? `${p.givenName} ${p.familyName}` : undefined,
        p?.yearGroup, i.classId ?? p?.classId, i.subjectId, i.action, i.notify.join('; '), i.because.map(describe).join('; '),
      ];
    }),
  );
}

async function readJson(file: string): Promise<unknown> {
  const text = await readFile(file, 'utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new OnTrackError('invalid-input', `${file} $: not JSON (${(error as Error).message})`);
  }
}

/** Runs the job; resolves with the number of interventions written. */
export async function nightly(argv: readonly string[]): Promise<{ readonly out: string; readonly count: number }> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: { policy: { type: 'string' }, date: { type: 'string' }, out: { type: 'string', default: 'interventions.csv' } },
  });
  const dataFile = positionals[0];
  if (dataFile === undefined) throw new OnTrackError('invalid-input', 'usage: nightly.ts DATA.json [--policy POLICY.json] [--date YYYY-MM-DD] [--out FILE.csv]');
  // A trust's policy file holds only what it changes; resolvePolicy merges it over the default and checks it.
  const policy = values.policy === undefined ? resolvePolicy(undefined) : resolvePolicy(await readJson(values.policy), values.policy);
  const data = validateDataset(await readJson(dataFile), policy, dataFile);
  const result = evaluate(data, policy, { date: values.date ?? todayUtc() });
  await writeFile(values.out, interventionsCsv(result, data));
  return { out: values.out, count: result.interventions.length };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const { out, count } = await nightly(process.argv.slice(2));
    console.log(`${String(count)} interventions written to ${out}`);
  } catch (error) {
    if (!(error instanceof OnTrackError)) throw error;
    // Bad input: the problems, one a line, and exit code 2; never a stack trace.
    console.error(error.message);
    process.exitCode = 2;
  }
}
