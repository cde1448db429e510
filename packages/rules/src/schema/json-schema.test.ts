import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { jsonSchema } from './json-schema.js';

const shipped = (name: string): unknown => JSON.parse(readFileSync(new URL(`../../schema/${name}.schema.json`, import.meta.url), 'utf8'));

describe('jsonSchema', () => {
  it('matches the shipped dataset.schema.json (run npm run build to refresh it)', () => {
    assert.deepEqual(shipped('dataset'), jsonSchema('dataset'));
  });
  it('matches the shipped policy.schema.json (run npm run build to refresh it)', () => {
    assert.deepEqual(shipped('policy'), jsonSchema('policy'));
  });
  it('describes the data file: required keys, dates and kept extra fields', () => {
    const s = jsonSchema('dataset') as { required: string[]; additionalProperties: unknown; properties: { calendar: { properties: { yearStart: { format: string } } } } };
    assert.deepEqual([...s.required].sort(), ['calendar', 'pupils', 'subjects', 'version']);
    assert.deepEqual(s.additionalProperties, {});
    assert.equal(s.properties.calendar.properties.yearStart.format, 'date');
  });
  it('describes a policy file with every key optional', () => {
    const s = jsonSchema('policy') as { required?: string[]; properties: Record<string, unknown> };
    assert.equal(s.required, undefined);
    assert.ok('rules' in s.properties && 'levels' in s.properties && 'ruleSettings' in s.properties);
  });
});
