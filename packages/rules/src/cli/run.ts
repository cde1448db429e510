import { formatPath, OnTrackError, ValidationError } from '../errors.js';
import { EVALUATE_HELP, evaluateCommand } from './evaluate.js';
import { type CliIo, ManyValidationErrors } from './io.js';
import { SCHEMA_HELP, schemaCommand } from './schema.js';
import { SNAPSHOT_HELP, snapshotCommand } from './snapshot.js';
import { VALIDATE_HELP, validateCommand } from './validate.js';

/** `ontrack --help`. */
export const USAGE = `Usage: ontrack <command> [options]

Commands:
  evaluate DATA.json [--policy POLICY.json] [--date YYYY-MM-DD]
      print the EvaluationResult (statuses, interventions, summary) as JSON
  validate DATA.json [--policy POLICY.json]
      check a data file (and a policy); exit 0 when valid
  snapshot DATA.json --half-term ID [--date YYYY-MM-DD] [--policy POLICY.json]
      print the data file with that half-term's snapshot added
  schema [dataset|policy]
      print the JSON Schema of the data file or the policy file

Bad input exits 2 with one line per problem on stderr: FILE $.json.path: what is wrong.
Run ontrack <command> --help for a command's options.`;

type Command = (args: readonly string[], io: CliIo) => number | Promise<number>;

const COMMANDS: Record<string, { readonly run: Command; readonly help: string }> = {
  evaluate: { run: evaluateCommand, help: EVALUATE_HELP },
  validate: { run: validateCommand, help: VALIDATE_HELP },
  snapshot: { run: snapshotCommand, help: SNAPSHOT_HELP },
  schema: { run: schemaCommand, help: SCHEMA_HELP },
};

function printIssues(error: ValidationError, io: CliIo): void {
  for (const issue of error.issues) {
    // A usage problem names the command and flag rather than a file path.
    const where = issue.code === 'usage' ? error.source : `${error.source} ${formatPath(issue.path)}`;
    io.err(`${where}: ${issue.message}`);
  }
}

/**
 * Runs the `ontrack` CLI with its arguments (without `node` and the script);
 * resolves with the exit code: 0 done, 2 bad input or usage (nothing on
 * stdout, one line per problem on stderr, never a stack trace), 1 a bug.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--help' || name === '-h') {
    io.out(`${USAGE}\n`);
    return 0;
  }
  if (name === 'help') {
    const topic = rest[0] === undefined ? undefined : COMMANDS[rest[0]];
    io.out(`${topic?.help ?? USAGE}\n`);
    return 0;
  }
  if (name === undefined) {
    io.err('ontrack: needs a command (evaluate, validate, snapshot, schema); see ontrack --help');
    return 2;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    io.err(`ontrack: unknown command ${JSON.stringify(name)}; see ontrack --help`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof ManyValidationErrors) {
      for (const e of error.errors) printIssues(e, io);
      return 2;
    }
    if (error instanceof ValidationError) {
      printIssues(error, io);
      return 2;
    }
    if (error instanceof OnTrackError) {
      io.err(`ontrack ${name}: ${error.message.replace(/\s*\n\s*/g, '; ')}`);
      return 2;
    }
    io.err(`ontrack ${name}: internal error: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
