import { ValidationError } from '../errors.js';
import { resolvePolicy } from '../policy/merge-policy.js';
import type { TrackingDataset } from '../schema/dataset.js';
import type { TrackingPolicy } from '../schema/policy.js';
import { validateDataset } from '../schema/validate-dataset.js';
import { type CliIo, ManyValidationErrors, readJson } from './io.js';

/**
 * Loads and checks the policy (the default when no file is given) and the
 * data file, reporting both files' problems together. When the policy is
 * broken, the data file is still checked, except for its level ids (they
 * depend on the policy).
 */
export async function loadInputs(dataFile: string | undefined, policyFile: string | undefined, io: CliIo): Promise<{ dataset?: TrackingDataset; policy: TrackingPolicy }> {
  const errors: ValidationError[] = [];
  let policy: TrackingPolicy | undefined;
  try {
    policy = policyFile === undefined ? resolvePolicy(undefined) : resolvePolicy(await readJson(policyFile, io), policyFile);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    errors.push(error);
  }
  let dataset: TrackingDataset | undefined;
  if (dataFile !== undefined) {
    try {
      dataset = validateDataset(await readJson(dataFile, io), policy, dataFile);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const issues = policy ? error.issues : error.issues.filter((i) => i.code !== 'unknown-level');
      if (issues.length > 0) errors.push(new ValidationError(error.source, issues));
    }
  }
  if (errors.length > 0 || !policy) throw new ManyValidationErrors(errors);
  return dataset ? { dataset, policy } : { policy };
}
