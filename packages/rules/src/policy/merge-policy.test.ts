import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ValidationError, formatPath } from '../errors.js';
import { defaultPolicy } from './default-policy.js';
import { buildDefaultRules, defaultRuleSettings } from './default-rules.js';
import { mergePolicy, resolvePolicy, withoutUnsafeKeys } from './merge-policy.js';

/** The `path: message` lines of a policy that must be rejected. */
function rejects(input: unknown): string[] {
  try {
    resolvePolicy(input, 'trust.json');
  } catch (error) {
    assert.ok(error instanceof ValidationError, String(error));
    return error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`);
  }
  assert.fail('the policy was accepted');
}

const rule = (name: string, all: unknown[], scope?: string): Record<string, unknown> => ({
  name,
  conditions: { all },
  event: { type: 'intervention', params: { action: 'Do something', notify: ['slt'], priority: 2, ...(scope ? { scope } : {}) } },
});

const findRule = (policy: { rules: readonly { name: string }[] }, name: string): Record<string, unknown> | undefined =>
  policy.rules.find((r) => r.name === name);

describe('defaultPolicy', () => {
  it('encodes the domain table: three levels, default On from week 4, six snapshots, suppression at 5', () => {
    assert.deepEqual(
      defaultPolicy.levels.map((l) => [l.id, l.rank, l.concern === true, l.challenge === true]),
      [
        ['below', 0, true, false],
        ['on', 1, false, false],
        ['above', 2, false, true],
      ],
    );
    assert.equal(defaultPolicy.defaultLevel, 'on');
    assert.equal(defaultPolicy.liveFromWeek, 4);
    assert.equal(defaultPolicy.snapshotsPerYear, 6);
    assert.equal(defaultPolicy.suppressUnder, 5);
    assert.deepEqual(defaultPolicy.evidence.standardised, { below: 85, above: 115 });
    assert.deepEqual(defaultPolicy.ruleSettings, { persistentSnapshots: 2, multipleSubjects: 3, attendanceBelow: 90, evidenceWindowDays: 42, unreviewedWeeks: 6, declineRanks: 2 });
  });
  it('ships the nine default rules with their ids, notify lists and scopes', () => {
    assert.deepEqual(
      defaultPolicy.rules.map((r) => {
        const params = (r.event as { params: { notify: string[]; scope: string } }).params;
        return [r.name, params.notify.join('+'), params.scope];
      }),
      [
        ['below-in-class', 'class-teacher', 'pupil-subject'],
        ['below-persistent', 'parents+year-group-leader', 'pupil-subject'],
        ['below-multiple-subjects', 'slt', 'pupil'],
        ['below-send', 'senco', 'pupil-subject'],
        ['below-low-attendance', 'attendance-lead', 'pupil-subject'],
        ['above-challenge', 'class-teacher', 'pupil-subject'],
        ['sharp-decline', 'class-teacher+phase-leader', 'pupil-subject'],
        ['evidence-mismatch', 'subject-leader', 'pupil-subject'],
        ['class-unreviewed', 'phase-leader', 'class-subject'],
      ],
    );
  });
  it('has groups for SEND, pupil premium, FSM, EAL, gender, looked-after and attendance bands', () => {
    const ids = defaultPolicy.groups.map((g) => g.id);
    for (const id of ['send', 'pupil-premium', 'fsm', 'eal', 'girls', 'boys', 'looked-after', 'attendance-persistent-absence', 'attendance-95', 'attendance-good']) {
      assert.ok(ids.includes(id), id);
    }
  });
  it('passes its own checks', () => {
    assert.deepEqual(resolvePolicy(structuredClone(defaultPolicy)), defaultPolicy);
  });
});

describe('resolvePolicy merging', () => {
  it('gives the default policy for an empty partial policy and for none', () => {
    assert.deepEqual(resolvePolicy({}), defaultPolicy);
    assert.equal(resolvePolicy(undefined), defaultPolicy);
  });
  it('merges objects key by key', () => {
    const p = resolvePolicy({ evidence: { standardised: { below: 80 } }, ruleSettings: { multipleSubjects: 4 } });
    assert.deepEqual(p.evidence, { standardised: { below: 80, above: 115 }, quiz: { below: 0.5, above: 0.85 } });
    assert.equal(p.ruleSettings.multipleSubjects, 4);
    assert.equal(p.ruleSettings.attendanceBelow, 90);
  });
  it('rebuilds a default rule from a changed setting', () => {
    const p = resolvePolicy({ ruleSettings: { attendanceBelow: 95 } });
    const conditions = (findRule(p, 'below-low-attendance')?.conditions as { all: { fact: string; value: unknown }[] }).all;
    assert.deepEqual(conditions.find((c) => c.fact === 'attendance')?.value, 95);
  });
  it('replaces levels and groups whole, and rebuilds the level rules from the new levels', () => {
    const levels = [
      { id: 'wt', label: 'Working towards', rank: 0, concern: true },
      { id: 'exp', label: 'Expected', rank: 1 },
      { id: 'gd', label: 'Greater depth', rank: 2, challenge: true },
      { id: 'gd+', label: 'Exceptional', rank: 3, challenge: true },
      { id: 'pre', label: 'Pre-key stage', rank: -1, concern: true },
    ];
    const p = resolvePolicy({ levels, defaultLevel: 'exp', groups: [{ id: 'pp', label: 'PP', where: { pupilPremium: true } }] });
    assert.equal(p.levels.length, 5);
    assert.deepEqual(p.groups.map((g) => g.id), ['pp']);
    const inClass = (findRule(p, 'below-in-class')?.conditions as { all: { value: unknown }[] }).all[0]?.value;
    assert.deepEqual(inClass, ['wt', 'pre']);
    const challenge = (findRule(p, 'above-challenge')?.conditions as { all: { value: unknown }[] }).all[0]?.value;
    assert.deepEqual(challenge, ['gd', 'gd+']);
  });
  it('merges rules by name: same name replaces in place, disabled removes, new name adds', () => {
    const p = resolvePolicy({
      rules: [
        rule('below-in-class', [{ fact: 'status', operator: 'equal', value: 'below' }]),
        { name: 'above-challenge', disabled: true },
        rule('eal-below', [
          { fact: 'concern', operator: 'equal', value: true },
          { fact: 'eal', operator: 'equal', value: true },
        ]),
      ],
    });
    const names = p.rules.map((r) => r.name);
    assert.deepEqual(names, [
      'below-in-class',
      'below-persistent',
      'below-multiple-subjects',
      'below-send',
      'below-low-attendance',
      'sharp-decline',
      'evidence-mismatch',
      'class-unreviewed',
      'eal-below',
    ]);
    assert.deepEqual((findRule(p, 'below-in-class')?.event as { params: { notify: string[] } }).params.notify, ['slt']);
  });
  it('applies settings before trust rules, so a trust rule with a default name wins over the rebuilt one', () => {
    const own = rule('below-low-attendance', [{ fact: 'attendance', operator: 'lessThan', value: 80 }]);
    const p = resolvePolicy({ ruleSettings: { attendanceBelow: 95 }, rules: [own] });
    assert.deepEqual(findRule(p, 'below-low-attendance'), own);
  });
  it('ignores removing a rule that does not exist', () => {
    assert.equal(resolvePolicy({ rules: [{ name: 'nothing', disabled: true }] }).rules.length, 9);
  });
  it('keeps unknown extra keys', () => {
    assert.equal((resolvePolicy({ mis: { code: 7 } }) as unknown as { mis: { code: number } }).mis.code, 7);
  });
  it('merges over a customised base, keeping its own rules and rebuilding its unchanged default ones', () => {
    const base = resolvePolicy({ rules: [rule('custom', [{ fact: 'eal', operator: 'equal', value: true }])] });
    const { policy, origins } = mergePolicy(base, { ruleSettings: { multipleSubjects: 5 } });
    assert.ok(findRule(policy, 'custom'));
    assert.deepEqual(origins, policy.rules.map(() => undefined));
    const rebuilt = buildDefaultRules({ ...defaultRuleSettings, multipleSubjects: 5 }, base.levels).find((r) => r.name === 'below-multiple-subjects');
    assert.deepEqual(findRule(policy, 'below-multiple-subjects'), rebuilt);
  });
});

describe('resolvePolicy rejections', () => {
  it('rejects a policy that is not an object', () => {
    assert.deepEqual(rejects([1]), ['$: a policy must be a JSON object']);
  });
  it('rejects wrong types with their paths', () => {
    assert.deepEqual(rejects({ liveFromWeek: 'four', suppressUnder: -1 }).map((l) => l.split(':')[0]), ['$.liveFromWeek', '$.suppressUnder']);
  });
  it('rejects a default level that is not a level', () => {
    assert.deepEqual(rejects({ defaultLevel: 'secure' }), ['$.defaultLevel: "secure" is not a level; the levels are "below", "on", "above"']);
  });
  it('rejects duplicate level ids and ranks, and a level both concern and challenge', () => {
    assert.deepEqual(
      rejects({
        levels: [
          { id: 'below', label: 'Below', rank: 0, concern: true },
          { id: 'on', label: 'On', rank: 1 },
          { id: 'on', label: 'On again', rank: 1, concern: true, challenge: true },
        ],
      }),
      ['$.levels[2].id: duplicate level "on"', '$.levels[2].rank: two levels share rank 1; ranks order the grade set', '$.levels[2]: a level cannot be both a concern and a challenge'],
    );
  });
  it('rejects a group over nothing and an impossible range', () => {
    assert.deepEqual(
      rejects({
        groups: [
          { id: 'all', label: 'All', where: {} },
          { id: 'band', label: 'Band', range: { attribute: 'attendance', min: 95, max: 90 } },
          { id: 'open', label: 'Open', range: { attribute: 'attendance' } },
        ],
      }),
      [
        '$.groups[0]: a group needs "where" (attribute values) or "range" (a numeric band)',
        '$.groups[1].range.max: max (90) must be more than min (95)',
        '$.groups[2].range: a range needs min, max or both',
      ],
    );
  });
  it('rejects fewer than three snapshots a year', () => {
    assert.deepEqual(rejects({ snapshotsPerYear: 2 }), ['$.snapshotsPerYear: must be at least 3 snapshots a year']);
  });
  it('rejects thresholds with below over above, and quiz thresholds outside 0–1', () => {
    assert.deepEqual(rejects({ evidence: { standardised: { below: 120 }, quiz: { above: 85 } } }), [
      '$.evidence.standardised: below (120) must not be more than above (115)',
      '$.evidence.quiz.above: quiz thresholds are fractions of the marks, from 0 to 1',
    ]);
  });
  it('rejects a rule whose event is not an intervention, or lacks its params', () => {
    assert.deepEqual(
      rejects({ rules: [{ name: 'x', conditions: { all: [{ fact: 'concern', operator: 'equal', value: true }] }, event: { type: 'email', params: { notify: 'slt', priority: 0 } } }] }),
      [
        '$.rules[0].event.type: must be "intervention" (got "email")',
        '$.rules[0].event.params.action: needs an action (text)',
        '$.rules[0].event.params.notify: needs notify: a list of roles',
        '$.rules[0].event.params.priority: needs a priority: a whole number, 1 most urgent',
      ],
    );
  });
  it('rejects a fact unknown for the rule scope and an unknown operator', () => {
    assert.deepEqual(
      rejects({
        rules: [
          rule('a', [{ fact: 'weeksSinceRecorded', operator: 'greaterThan', value: 2 }]),
          rule('b', [{ fact: 'status', operator: 'equal', value: 'below' }], 'class-subject'),
          rule('c', [{ fact: 'rank', operator: 'regex', value: '.*' }], 'pupil'),
          rule('d', [{ fact: 'status', operator: 'equal', value: { fact: 'live' } }]),
        ],
      }),
      [
        '$.rules[0].conditions.all[0].fact: unknown fact "weeksSinceRecorded" for a pupil-subject rule',
        '$.rules[1].conditions.all[0].fact: unknown fact "status" for a class-subject rule',
        '$.rules[2].conditions.all[0].fact: unknown fact "rank" for a pupil rule',
        '$.rules[2].conditions.all[0].operator: unknown operator "regex"; use one of equal, notEqual, in, notIn, contains, doesNotContain, lessThan, lessThanInclusive, greaterThan, greaterThanInclusive',
        '$.rules[3].conditions.all[0].value.fact: unknown fact "live" for a pupil-subject rule',
      ],
    );
  });
  it('allows any attribute name as a fact in the pupil scopes, since attributes are open', () => {
    const p = resolvePolicy({ rules: [rule('young-carer', [{ fact: 'youngCarer', operator: 'equal', value: true }], 'pupil')] });
    assert.ok(findRule(p, 'young-carer'));
  });
  it('refuses in and notIn over anything but a list', () => {
    assert.deepEqual(rejects({ rules: [rule('bad', [{ fact: 'status', operator: 'notIn', value: 'below' }])] }), ['$.rules[0].conditions.all[0].value: notIn needs a list of values, e.g. ["below"]']);
    assert.deepEqual(rejects({ rules: [rule('bad', [{ fact: 'status', operator: 'in', value: { fact: 'rank' } }])] }), ['$.rules[0].conditions.all[0].value: in needs a list of values, e.g. ["below"]']);
  });
  it('allows in over an open attribute, which may hold a list', () => {
    assert.ok(findRule(resolvePolicy({ rules: [rule('ok', [{ fact: 'status', operator: 'in', value: { fact: 'watchLevels' } }])] }), 'ok'));
  });
  it('refuses decorated operators, which evaluate does not run in a policy', () => {
    assert.match(rejects({ rules: [rule('bad', [{ fact: 'status', operator: 'not:equal', value: 'below' }])] })[0] ?? '', /unknown operator "not:equal"/);
  });
  it('accepts an operator the host allows for its own compileRules use', () => {
    const r = rule('near', [{ fact: 'attendance', operator: 'near', value: 90 }]);
    assert.ok(findRule(resolvePolicy({ rules: [r] }, 'p', { operators: ['near'] }), 'near'));
  });
  it('accepts a path in the safe subset', () => {
    const r = rule('deep-attr', [{ fact: 'support', operator: 'equal', value: true, path: '$.reading["phonics"]' }]);
    assert.ok(findRule(resolvePolicy({ rules: [r] }), 'deep-attr'));
  });
  it('refuses script-capable paths, shared conditions and a leaf at the top', () => {
    assert.deepEqual(
      rejects({
        rules: [
          rule('a', [{ fact: 'status', operator: 'equal', value: 'x', path: '$..[?(@.constructor.constructor("return process")())]' }]),
          { ...rule('b', []), conditions: { condition: 'shared' } },
          { ...rule('c', []), conditions: { fact: 'concern', operator: 'equal', value: true } },
        ],
      }),
      [
        '$.rules[0].conditions.all[0].path: path is not understood at "..[?(@.constructor.c" (only $.name, [index] and ["name"] are understood; no filters, wildcards or script)',
        '$.rules[1].conditions.condition: shared condition references are not supported in a policy',
        '$.rules[2].conditions: the top of conditions must be all, any or not',
      ],
    );
  });
  it('rejects deeply nested and huge rules without hanging', () => {
    let deep: unknown = { fact: 'concern', operator: 'equal', value: true };
    for (let i = 0; i < 40; i++) deep = { not: deep };
    assert.match(rejects({ rules: [{ ...rule('deep', []), conditions: { all: [deep] } }] })[0] ?? '', /nested deeper than 16 levels/);
    const huge = Array.from({ length: 5000 }, () => ({ fact: 'concern', operator: 'equal', value: true }));
    assert.match(rejects({ rules: [rule('huge', huge)] })[0] ?? '', /more than 256 conditions/);
    let json = '1';
    for (let i = 0; i < 10_000; i++) json = `[${json}]`;
    assert.match(rejects(JSON.parse(`{"rules":${json}}`))[0] ?? '', /nested deeper than 64 levels/);
  });
  it('rejects two trust rules with the same name', () => {
    assert.deepEqual(rejects({ rules: [rule('x', [{ fact: 'eal', operator: 'equal', value: true }]), rule('x', [{ fact: 'eal', operator: 'equal', value: false }])] }), [
      '$.rules[1].name: a second rule named "x"',
    ]);
  });
  it('ignores __proto__ and constructor keys without polluting any prototype', () => {
    const text = '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"ruleSettings":{"__proto__":{"attendanceBelow":1},"multipleSubjects":4},"levels":[{"id":"below","label":"B","rank":0,"concern":true,"__proto__":{"challenge":true}},{"id":"on","label":"O","rank":1}]}';
    const p = resolvePolicy(JSON.parse(text));
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal((p as unknown as Record<string, unknown>).polluted, undefined);
    assert.equal(p.ruleSettings.attendanceBelow, 90);
    assert.equal(p.ruleSettings.multipleSubjects, 4);
    assert.equal(p.levels[0]?.challenge, undefined);
    assert.equal(Object.getPrototypeOf(p.levels[0]), Object.prototype);
  });
  it('drops unsafe keys at any depth', () => {
    assert.deepEqual(withoutUnsafeKeys(JSON.parse('{"a":[{"constructor":1,"b":{"__proto__":2,"c":3}}]}')), { a: [{ b: { c: 3 } }] });
  });
});

describe('resolvePolicy on arbitrary input', () => {
  it('either returns a policy or throws a ValidationError with paths, for any JSON', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.record({ rules: fc.array(fc.jsonValue(), { maxLength: 3 }), levels: fc.jsonValue(), ruleSettings: fc.jsonValue() }, { requiredKeys: [] })), (input) => {
        try {
          const policy = resolvePolicy(input);
          assert.ok(policy.levels.some((l) => l.id === policy.defaultLevel));
        } catch (error) {
          assert.ok(error instanceof ValidationError, String(error));
          assert.ok(error.issues.length > 0 && error.issues.every((i) => Array.isArray(i.path)));
        }
      }),
      { numRuns: 400 },
    );
  });
  it('keeps every default rule in step with any valid rule settings', () => {
    fc.assert(
      fc.property(
        fc.record({ persistentSnapshots: fc.integer({ min: 1, max: 6 }), multipleSubjects: fc.integer({ min: 1, max: 12 }), attendanceBelow: fc.integer({ min: 0, max: 100 }), unreviewedWeeks: fc.integer({ min: 0, max: 20 }) }, { requiredKeys: [] }),
        (settings) => {
          const p = resolvePolicy({ ruleSettings: settings });
          assert.deepEqual(p.rules, buildDefaultRules({ ...defaultRuleSettings, ...settings }, defaultPolicy.levels));
        },
      ),
      { numRuns: 200 },
    );
  });
});
