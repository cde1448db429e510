// Writes packages/rules/schema/*.schema.json from the zod schemas; run by `npm run build`
// (a test checks the committed files are up to date).
import { writeFileSync } from 'node:fs';
import { jsonSchema, type JsonSchemaName } from '../src/schema/json-schema.js';

for (const name of ['dataset', 'policy'] satisfies JsonSchemaName[]) {
  writeFileSync(new URL(`../schema/${name}.schema.json`, import.meta.url), `${JSON.stringify(jsonSchema(name), null, 2)}\n`);
}
