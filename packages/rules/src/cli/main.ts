#!/usr/bin/env node
import { readFile } from 'node:fs/promises';
import { OnTrackError, ValidationError, formatPath } from '../errors.js';
import { parseDataset } from '../schema/parse.js';

const USAGE = `Usage: ontrack <command> [options]

Commands:
  validate DATA.json     check a data file; exit 0 when valid, 2 when not

Options:
  --help                 show this help`;

async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ValidationError(file, [{ path: [], code: 'unreadable', message: `cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})` }]);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ValidationError(file, [{ path: [], code: 'invalid-json', message: `not valid JSON: ${(error as Error).message}` }]);
  }
}

/** Runs the CLI with the given arguments; resolves with the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h') {
    console.log(USAGE);
    return command === undefined ? 2 : 0;
  }
  try {
    if (command === 'validate') {
      const file = rest.find((a) => !a.startsWith('--'));
      if (rest.includes('--help')) {
        console.log('Usage: ontrack validate DATA.json\nChecks a data file against the dataset schema; exit 0 when valid.');
        return 0;
      }
      if (file === undefined) throw new ValidationError('ontrack validate', [{ path: [], code: 'usage', message: 'needs a DATA.json file' }]);
      parseDataset(await readJson(file), file);
      return 0;
    }
    console.error(`ontrack: unknown command "${command}"; see ontrack --help`);
    return 2;
  } catch (error) {
    if (error instanceof ValidationError) {
      for (const issue of error.issues) console.error(`${error.source} ${formatPath(issue.path)}: ${issue.message}`);
      return 2;
    }
    if (error instanceof OnTrackError) {
      console.error(`ontrack: ${error.message}`);
      return 2;
    }
    throw error;
  }
}

process.exitCode = await main(process.argv.slice(2));
