import { type CliIo, parseCommandArgs, usage } from './io.js';
import { loadInputs } from './load.js';

/** `ontrack validate --help`. */
export const VALIDATE_HELP = `Usage: ontrack validate DATA.json [--policy POLICY.json]
       ontrack validate --policy POLICY.json

Checks a data file (shape, cross-references, dates, values; level ids against
the policy's grade set) and, with --policy, the policy file (merged over the
default policy). Exit 0 when valid; exit 2 with one line per problem on stderr:
FILE $.json.path: what is wrong.

Options:
  --policy FILE   a trust's policy (partial policies merge over the default)
  -h, --help      show this help`;

/** Runs `ontrack validate`; resolves with the exit code. */
export async function validateCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('validate', args, { policy: { type: 'string' }, help: { type: 'boolean', short: 'h' } });
  if (values.help === true) {
    io.out(`${VALIDATE_HELP}\n`);
    return 0;
  }
  if (positionals.length > 1) usage('validate', `takes one data file (got ${String(positionals.length)})`);
  const [file] = positionals;
  if (file === undefined && values.policy === undefined) usage('validate', 'needs a DATA.json file or --policy POLICY.json; see ontrack validate --help');
  const { dataset } = await loadInputs(file, values.policy, io);
  const parts: string[] = [];
  if (values.policy !== undefined) parts.push(`${values.policy}: valid policy`);
  if (dataset && file !== undefined) {
    parts.push(
      `${file}: valid (${String(dataset.pupils.length)} pupils, ${String(dataset.subjects.length)} subjects, ${String(dataset.judgements.length)} judgements, ${String(dataset.snapshots.length)} snapshots)`,
    );
  }
  io.out(`${parts.join('\n')}\n`);
  return 0;
}
