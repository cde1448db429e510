import { z } from 'zod';
import { datasetSchema } from './dataset.js';
import { partialPolicySchema } from './policy.js';

/** The JSON Schemas shipped in the package, by name. */
export type JsonSchemaName = 'dataset' | 'policy';

const META: Record<JsonSchemaName, { readonly title: string; readonly description: string }> = {
  dataset: {
    title: 'OnTrack data file (TrackingDataset, version 1)',
    description: 'One school (or a trust of schools), its calendar, subjects, pupils, judgements, assessments and snapshots. Unknown extra fields are kept. Cross-references (unknown ids, overlapping half-terms, levels of the policy) are checked by `ontrack validate`, not by this schema.',
  },
  policy: {
    title: 'OnTrack policy file (TrackingPolicy, version 1)',
    description: "A trust's policy: any part of the default policy, merged over it (objects key by key; levels and groups whole; rules by name). Rule facts, operators and level references are checked by `ontrack validate --policy`.",
  },
};

/**
 * The JSON Schema (draft 2020-12) of the data file or of a policy file,
 * generated from the zod schemas (input side: defaulted fields are optional).
 * The package ships them as `@ontrack/rules/schema/<name>.schema.json` for
 * vendors in other languages.
 */
export function jsonSchema(name: JsonSchemaName): Record<string, unknown> {
  const schema = name === 'dataset' ? datasetSchema : partialPolicySchema;
  const generated = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return { ...generated, $id: `https://ontrack.invalid/schema/${name}.schema.json`, ...META[name] };
}
