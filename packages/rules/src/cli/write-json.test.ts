import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { jsonChunks, writeJson } from './write-json.js';

const text = (value: unknown): string => [...jsonChunks(value)].join('');

describe('writeJson', () => {
  it('round-trips any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        assert.deepEqual(JSON.parse(text(value)), JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 500 },
    );
  });
  it('puts flat records on one line and arrays of records one a line', () => {
    assert.equal(
      text({ date: '2027-01-20', statuses: [{ pupilId: 'p1', status: 'on' }, { pupilId: 'p2', status: null }] }),
      '{\n  "date": "2027-01-20",\n  "statuses": [\n    {"pupilId":"p1","status":"on"},\n    {"pupilId":"p2","status":null}\n  ]\n}',
    );
  });
  it('writes in pieces of about a megabyte with a final newline', () => {
    const pieces: string[] = [];
    writeJson((t) => pieces.push(t), Array.from({ length: 40_000 }, (_, i) => ({ pupilId: `p${String(i)}`, subjectId: 'maths', status: 'on', source: 'default' })));
    assert.ok(pieces.length > 1);
    assert.ok(pieces.every((p) => p.length < (1 << 20) + 200));
    assert.equal((JSON.parse(pieces.join('')) as unknown[]).length, 40_000);
    assert.ok(pieces.at(-1)?.endsWith(']\n'));
  });
});
