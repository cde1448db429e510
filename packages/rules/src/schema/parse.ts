import type { z } from 'zod';
import { type Issue, ValidationError } from '../errors.js';
import { datasetSchema, type TrackingDataset } from './dataset.js';

/** Turns zod's issues into OnTrack issues (path arrays, plain messages). */
export function issuesFromZod(error: z.ZodError): Issue[] {
  return error.issues.map((issue) => ({
    path: issue.path.filter((k): k is string | number => typeof k !== 'symbol'),
    code: issue.code,
    message: issue.message,
  }));
}

/**
 * Parses outside input with a schema, throwing a `ValidationError` that lists
 * every problem with its path.
 */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown, source: string): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(source, issuesFromZod(result.error));
  return result.data;
}

/**
 * Checks the shape of a data file and fills its defaults (empty judgements,
 * assessments, snapshots). Unknown extra fields are kept.
 * @example const data = parseDataset(JSON.parse(text), 'school.json');
 */
export function parseDataset(input: unknown, source = 'dataset'): TrackingDataset {
  return parseWith(datasetSchema, input, source);
}
