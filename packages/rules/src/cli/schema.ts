import { jsonSchema } from '../schema/json-schema.js';
import { type CliIo, parseCommandArgs, printJson, usage } from './io.js';

/** `ontrack schema --help`. */
export const SCHEMA_HELP = `Usage: ontrack schema [dataset|policy]

Prints the JSON Schema (draft 2020-12) of the data file or of a policy file,
for validating OnTrack files in other languages. Without an argument, prints
both as { "dataset": …, "policy": … }. The same files ship in the package as
@ontrack/rules/schema/dataset.schema.json and policy.schema.json.

Options:
  -h, --help      show this help`;

/** Runs `ontrack schema`; resolves with the exit code. */
export function schemaCommand(args: readonly string[], io: CliIo): number {
  const { values, positionals } = parseCommandArgs('schema', args, { help: { type: 'boolean', short: 'h' } });
  if (values.help === true) {
    io.out(`${SCHEMA_HELP}\n`);
    return 0;
  }
  if (positionals.length > 1) usage('schema', 'takes at most one name: dataset or policy');
  const [name] = positionals;
  if (name === undefined) printJson(io, { dataset: jsonSchema('dataset'), policy: jsonSchema('policy') });
  else if (name === 'dataset' || name === 'policy') printJson(io, jsonSchema(name));
  else usage('schema', `unknown schema ${JSON.stringify(name)}; use dataset or policy`);
  return 0;
}
