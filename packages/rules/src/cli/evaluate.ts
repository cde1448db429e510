import { evaluate } from '../engine/evaluate.js';
import { type CliIo, checkDate, oneDataFile, parseCommandArgs, printJson, usage } from './io.js';
import { loadInputs } from './load.js';

/** `ontrack evaluate --help`. */
export const EVALUATE_HELP = `Usage: ontrack evaluate DATA.json [--policy POLICY.json] [--date YYYY-MM-DD]

Evaluates the data file as of the end of the date (UTC) and prints the
EvaluationResult as JSON on stdout: { date, statuses, interventions, summary }.
Judgements, assessments and snapshots after the date are ignored.

Options:
  --policy FILE   a trust's policy, merged over the default (default: the default policy)
  --date DATE     the day to evaluate (default: today, UTC)
  -h, --help      show this help`;

/** Runs `ontrack evaluate`; resolves with the exit code. */
export async function evaluateCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('evaluate', args, {
    policy: { type: 'string' },
    date: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help === true) {
    io.out(`${EVALUATE_HELP}\n`);
    return 0;
  }
  const file = oneDataFile('evaluate', positionals);
  const date = checkDate('evaluate', values.date, io);
  const { dataset, policy } = await loadInputs(file, values.policy, io);
  if (!dataset) return usage('evaluate', 'needs a DATA.json file');
  printJson(io, evaluate(dataset, policy, values.policy === undefined ? { date } : { date, policySource: values.policy }));
  return 0;
}
