import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { takeSnapshot } from '../snapshot/take-snapshot.js';
import { type CliIo, checkDate, oneDataFile, parseCommandArgs, printJson, usage } from './io.js';
import { loadInputs } from './load.js';

/** `ontrack snapshot --help`. */
export const SNAPSHOT_HELP = `Usage: ontrack snapshot DATA.json --half-term ID [--date YYYY-MM-DD] [--policy POLICY.json]

Freezes the live statuses as of the end of the date (UTC) into a snapshot for
the half-term and prints the whole data file with it added, as JSON on stdout.
An existing snapshot is never changed: a half-term that already has one is an
error (exit 2), as is a half-term the calendar does not hold.

Options:
  --half-term ID  the calendar's half-term to snapshot (required)
  --date DATE     the day to freeze (default: today, UTC)
  --policy FILE   a trust's policy (grade set, live week, tracked subjects)
  -h, --help      show this help`;

/** Runs `ontrack snapshot`; resolves with the exit code. */
export async function snapshotCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('snapshot', args, {
    'half-term': { type: 'string' },
    date: { type: 'string' },
    policy: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help === true) {
    io.out(`${SNAPSHOT_HELP}\n`);
    return 0;
  }
  const file = oneDataFile('snapshot', positionals);
  const halfTermId = values['half-term'];
  if (halfTermId === undefined || halfTermId === '') usage('snapshot', 'needs --half-term ID', '--half-term');
  const date = checkDate('snapshot', values.date, io);
  const { dataset, policy } = await loadInputs(file, values.policy, io);
  if (!dataset) return usage('snapshot', 'needs a DATA.json file');
  try {
    printJson(io, takeSnapshot(dataset, policy, halfTermId, date));
  } catch (error) {
    if (error instanceof NotFoundError) throw new ValidationError(file, [{ path: ['calendar', 'halfTerms'], code: 'not-found', message: `no half-term "${halfTermId}" (--half-term)` }]);
    if (error instanceof ConflictError) {
      const at = dataset.snapshots.findIndex((s) => s.halfTermId === halfTermId);
      throw new ValidationError(file, [{ path: ['snapshots', at], code: 'conflict', message: error.message }]);
    }
    throw error;
  }
  return 0;
}
