#!/usr/bin/env node
import { readFile } from 'node:fs/promises';
import { todayUtc } from '../calendar/as-of.js';
import { runCli } from './run.js';

process.exitCode = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (line) => process.stderr.write(`${line}\n`),
  readText: (file) => readFile(file, 'utf8'),
  today: () => todayUtc(),
});
