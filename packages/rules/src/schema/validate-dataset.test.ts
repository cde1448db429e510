import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ValidationError, formatPath } from '../errors.js';
import { defaultPolicy } from '../policy/default-policy.js';
import { generateSchool } from '../synthetic/generate-school.js';
import type { TrackingPolicy } from './policy.js';
import { datasetIssues, validateDataset } from './validate-dataset.js';

/** A small valid data file as a file would hold it. */
function base(): Record<string, unknown> {
  return {
    version: 1,
    school: { id: 'hp', name: 'Hallwood Park' },
    calendar: {
      yearStart: '2026-09-01',
      halfTerms: [
        { id: 'aut1', name: 'Autumn 1', start: '2026-09-01', end: '2026-10-23' },
        { id: 'aut2', name: 'Autumn 2', start: '2026-11-02', end: '2026-12-18' },
      ],
    },
    subjects: [
      { id: 'maths', name: 'Maths' },
      { id: 'reading', name: 'Reading' },
    ],
    pupils: [
      { id: 'p1', givenName: 'Amira', familyName: 'Khan', yearGroup: 'Y4', classId: '4K', attributes: { send: 'none', attendance: 93.5 } },
      { id: 'p2', givenName: 'Ben', familyName: 'Ode', yearGroup: 'Y4', classId: '4K', attributes: {} },
    ],
    judgements: [{ pupilId: 'p1', subjectId: 'maths', status: 'below', recordedAt: '2026-10-02T10:00:00Z', recordedBy: 't17' }],
    assessments: [{ pupilId: 'p1', subjectId: 'maths', kind: 'standardised', score: 82, takenOn: '2026-10-01' }],
    snapshots: [{ halfTermId: 'aut1', takenOn: '2026-10-23', statuses: [{ pupilId: 'p1', subjectId: 'maths', status: 'below', source: 'recorded' }] }],
  };
}

/** The issues of a changed copy of the base file, as `path: message` lines. */
function problems(change: (d: Record<string, unknown>) => void, policy?: TrackingPolicy): string[] {
  const d = structuredClone(base());
  change(d);
  return datasetIssues(d, policy).map((i) => `${formatPath(i.path)}: ${i.message}`);
}

// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- a typed reach into test JSON
const at = <T>(x: unknown, ...keys: (string | number)[]): T => keys.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], x) as T;

describe('validateDataset', () => {
  it('accepts a valid file and fills its defaults', () => {
    const d = base();
    delete d.assessments;
    const data = validateDataset(d, undefined, 'school.json');
    assert.deepEqual(data.assessments, []);
    assert.equal(data.pupils.length, 2);
  });
  it('accepts a generated school', () => {
    assert.deepEqual(datasetIssues(JSON.parse(JSON.stringify(generateSchool({ seed: 2, pupils: 60, through: '2027-03-01' })))), []);
  });
  it('keeps unknown extra fields', () => {
    const d = base();
    d.mis = { vendor: 'x' };
    at<Record<string, unknown>>(d, 'pupils', 0).upn = 'A123';
    const data = validateDataset(d) as unknown as { mis: unknown; pupils: { upn?: string }[] };
    assert.deepEqual(data.mis, { vendor: 'x' });
    assert.equal(data.pupils[0]?.upn, 'A123');
  });
  it('reports every problem at once with its path, in document order', () => {
    const d = base();
    at<Record<string, unknown>>(d, 'pupils', 0).attributes = { attendance: 140 };
    at<Record<string, unknown>>(d, 'judgements', 0).pupilId = 'p99';
    at<Record<string, unknown>>(d, 'judgements', 0).subjectId = 'art';
    try {
      validateDataset(d, undefined, 'school.json');
      assert.fail('should throw');
    } catch (error) {
      assert.ok(error instanceof ValidationError);
      assert.deepEqual(
        error.message.split('\n'),
        [
          'school.json $.judgements[0].pupilId: unknown pupil "p99"',
          'school.json $.judgements[0].subjectId: unknown subject "art"',
          'school.json $.pupils[0].attributes.attendance: must be a percentage from 0 to 100',
        ],
      );
      assert.equal(error.issues.length, 3);
    }
  });
  it('still checks references when the shape is wrong elsewhere', () => {
    assert.deepEqual(
      problems((d) => {
        d.version = 2;
        at<Record<string, unknown>>(d, 'snapshots', 0, 'statuses', 0).pupilId = 'ghost';
      }),
      ['$.snapshots[0].statuses[0].pupilId: unknown pupil "ghost"', '$.version: must be 1 (the only dataset version)'],
    );
  });
  it('rejects unknown ids in judgements, assessments and snapshots', () => {
    assert.deepEqual(
      problems((d) => {
        at<Record<string, unknown>>(d, 'assessments', 0).pupilId = 'p7';
        at<Record<string, unknown>>(d, 'assessments', 0).classId = '9Z';
        at<Record<string, unknown>>(d, 'snapshots', 0).halfTermId = 'spr9';
        at<Record<string, unknown>>(d, 'snapshots', 0, 'statuses', 0).subjectId = 'art';
      }),
      [
        '$.assessments[0].classId: unknown class "9Z"',
        '$.assessments[0].pupilId: unknown pupil "p7"',
        '$.snapshots[0].halfTermId: unknown half-term "spr9"',
        '$.snapshots[0].statuses[0].subjectId: unknown subject "art"',
      ],
    );
  });
  it('checks level ids against the default policy without one', () => {
    assert.deepEqual(
      problems((d) => {
        at<Record<string, unknown>>(d, 'judgements', 0).status = 'secure';
      }),
      ['$.judgements[0].status: unknown level "secure"; the policy\'s levels are "below", "on", "above"'],
    );
  });
  it('checks level ids against the given policy', () => {
    const policy: TrackingPolicy = {
      ...defaultPolicy,
      levels: [
        { id: 'not-on', label: 'Not on track', rank: 0, concern: true },
        { id: 'on', label: 'On track', rank: 1 },
      ],
    };
    const found = problems(() => undefined, policy);
    assert.deepEqual(found, [
      '$.judgements[0].status: unknown level "below"; the policy\'s levels are "not-on", "on"',
      '$.snapshots[0].statuses[0].status: unknown level "below"; the policy\'s levels are "not-on", "on"',
    ]);
  });
  it('rejects duplicate ids', () => {
    assert.deepEqual(
      problems((d) => {
        at<unknown[]>(d, 'pupils').push({ id: 'p1', givenName: 'X', familyName: 'Y', yearGroup: 'Y4', classId: '4K' });
        at<unknown[]>(d, 'subjects').push({ id: 'maths', name: 'Maths again' });
        at<unknown[]>(d, 'calendar', 'halfTerms').push({ id: 'aut1', name: 'Again', start: '2027-01-04', end: '2027-02-12' });
        at<unknown[]>(d, 'snapshots').push({ halfTermId: 'aut1', takenOn: '2026-10-24', statuses: [] });
        at<unknown[]>(d, 'snapshots', 0, 'statuses').push({ pupilId: 'p1', subjectId: 'maths', status: 'on', source: 'recorded' });
      }),
      [
        '$.calendar.halfTerms[2].id: duplicate half-term "aut1"',
        '$.pupils[2].id: duplicate pupil "p1"',
        '$.snapshots[0].statuses[1].pupilId: a second status for pupil "p1" in subject "maths"',
        '$.snapshots[1].halfTermId: a second snapshot for half-term "aut1"',
        '$.subjects[2].id: duplicate subject "maths"',
      ],
    );
  });
  it('rejects a half-term that ends before it starts, and overlapping half-terms', () => {
    assert.deepEqual(
      problems((d) => {
        at<Record<string, unknown>>(d, 'calendar', 'halfTerms', 0).end = '2026-08-01';
        at<unknown[]>(d, 'calendar', 'halfTerms').push({ id: 'x', name: 'X', start: '2026-12-01', end: '2027-01-10' });
      }),
      ['$.calendar.halfTerms[0].end: ends (2026-08-01) before it starts (2026-09-01)', '$.calendar.halfTerms[2].start: overlaps half-term 1 (2026-11-02 to 2026-12-18)'],
    );
  });
  it('rejects dates that are not real dates and instants without an offset', () => {
    const found = problems((d) => {
      at<Record<string, unknown>>(d, 'calendar').yearStart = '2026-02-30';
      at<Record<string, unknown>>(d, 'judgements', 0).recordedAt = '2026-10-02 10:00';
      at<Record<string, unknown>>(d, 'assessments', 0).takenOn = '2026-13-01';
    });
    assert.deepEqual(
      found.map((line) => line.split(':')[0]),
      ['$.assessments[0].takenOn', '$.calendar.yearStart', '$.judgements[0].recordedAt'],
    );
    assert.match(found[1] ?? '', /YYYY-MM-DD/);
  });
  it('rejects assessments missing what their kind needs', () => {
    assert.deepEqual(
      problems((d) => {
        d.assessments = [
          { pupilId: 'p1', subjectId: 'maths', kind: 'quiz', score: 4, takenOn: '2026-10-01' },
          { pupilId: 'p1', subjectId: 'maths', kind: 'quiz', score: 12, outOf: 10, takenOn: '2026-10-01' },
          { pupilId: 'p1', subjectId: 'maths', kind: 'teacher', takenOn: '2026-10-01' },
          { pupilId: 'p1', subjectId: 'maths', kind: 'teacher', level: 'stellar', takenOn: '2026-10-01' },
          { pupilId: 'p1', subjectId: 'maths', kind: 'standardised', takenOn: '2026-10-01' },
        ];
      }),
      [
        '$.assessments[0].outOf: a quiz needs outOf (the score it is out of)',
        '$.assessments[1].score: a quiz score must be from 0 to outOf (10)',
        '$.assessments[2].level: a teacher assessment needs a level',
        '$.assessments[3].level: unknown level "stellar"; the policy\'s levels are "below", "on", "above"',
        '$.assessments[4].score: a standardised assessment needs a score',
      ],
    );
  });
  it('needs exactly one of school and schools', () => {
    assert.deepEqual(
      problems((d) => {
        d.schools = [{ id: 'a', name: 'A' }];
      }),
      ['$.schools: give either "school" or "schools", not both'],
    );
    assert.deepEqual(
      problems((d) => {
        delete d.school;
      }),
      ['$: needs "school" (one school) or "schools" (a trust)'],
    );
  });
  it("matches each pupil's schoolId to the file's schools", () => {
    assert.deepEqual(
      problems((d) => {
        delete d.school;
        d.schools = [
          { id: 'a', name: 'A' },
          { id: 'b', name: 'B' },
        ];
        at<Record<string, unknown>>(d, 'pupils', 0).schoolId = 'c';
      }),
      ['$.pupils[0].schoolId: unknown school "c"', "$.pupils[1].schoolId: a trust file needs each pupil's schoolId"],
    );
    assert.deepEqual(
      problems((d) => {
        at<Record<string, unknown>>(d, 'pupils', 0).schoolId = 'other';
      }),
      ['$.pupils[0].schoolId: unknown school "other" (the file\'s school is "hp")'],
    );
  });
  it('rejects a snapshot status whose level and source disagree', () => {
    assert.deepEqual(
      problems((d) => {
        at<unknown[]>(d, 'snapshots', 0, 'statuses').push({ pupilId: 'p2', subjectId: 'maths', status: null, source: 'default' });
        at<unknown[]>(d, 'snapshots', 0, 'statuses').push({ pupilId: 'p2', subjectId: 'reading', status: 'on', source: 'untracked' });
      }),
      ['$.snapshots[0].statuses[1].status: a default status needs a level', '$.snapshots[0].statuses[2].status: an untracked status must be null'],
    );
  });
  it('rejects input that is not an object', () => {
    assert.throws(() => validateDataset([], undefined, 'x.json'), /x\.json \$: /);
    assert.throws(() => validateDataset(null), ValidationError);
  });
  it('never lets __proto__ or constructor keys in a parsed file reach a prototype', () => {
    const text = JSON.stringify(base()).replace('"version":1', '"version":1,"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}')
      .replace('"attributes":{}', '"attributes":{"__proto__":{"polluted":true}}');
    const data = validateDataset(JSON.parse(text));
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(Object.getPrototypeOf(data), Object.prototype);
    assert.equal((data as unknown as Record<string, unknown>).polluted, undefined);
    assert.equal(Object.getPrototypeOf(data.pupils[1]?.attributes), Object.prototype);
    assert.equal((data.pupils[1]?.attributes as Record<string, unknown>).polluted, undefined);
  });
});

describe('datasetIssues on arbitrary input', () => {
  it('never throws, and validateDataset throws only ValidationError, for any JSON', () => {
    const anyDataset = fc.record(
      {
        version: fc.jsonValue(),
        school: fc.jsonValue(),
        calendar: fc.jsonValue(),
        subjects: fc.array(fc.jsonValue(), { maxLength: 3 }),
        pupils: fc.array(fc.jsonValue(), { maxLength: 3 }),
        judgements: fc.array(fc.jsonValue(), { maxLength: 3 }),
        assessments: fc.array(fc.jsonValue(), { maxLength: 3 }),
        snapshots: fc.array(fc.jsonValue(), { maxLength: 3 }),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), anyDataset), (input) => {
        const issues = datasetIssues(input);
        try {
          validateDataset(input);
          assert.deepEqual(issues, []);
        } catch (error) {
          assert.ok(error instanceof ValidationError, String(error));
          assert.deepEqual(error.issues, issues);
        }
      }),
      { numRuns: 400 },
    );
  });
});
