import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ValidationError } from '../errors.js';
import { compileRules } from './compile-rule.js';
import { parseSafePath, safePathResolver } from './safe-path.js';

const rule = (conditions: unknown, name = 'r'): Record<string, unknown> => ({ name, conditions, event: { type: 'intervention' } });

function issuesOf(fn: () => unknown): { path: string; message: string }[] {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof ValidationError, `expected a ValidationError, got ${String(error)}`);
    return error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  }
  assert.fail('expected a ValidationError');
}

describe('compileRules', () => {
  it('fires a rule and says which conditions decided it, with their fact values', () => {
    const { runSync } = compileRules([rule({ any: [{ fact: 'status', operator: 'in', value: ['below'] }, { fact: 'rank', operator: 'lessThan', value: 0 }] })]);
    assert.deepEqual(runSync({ status: 'below', rank: 0 }), [
      { name: 'r', priority: 1, event: { type: 'intervention' }, because: [{ fact: 'status', operator: 'in', value: ['below'], factValue: 'below' }] },
    ]);
    assert.deepEqual(runSync({ status: 'on', rank: 1 }), []);
  });
  it('compares a fact with another fact and reports both values', () => {
    const { runSync } = compileRules([rule({ all: [{ fact: 'suggested', operator: 'notEqual', value: { fact: 'status' } }] })]);
    assert.deepEqual(runSync({ suggested: 'above', status: 'on' })[0]?.because, [{ fact: 'suggested', operator: 'notEqual', value: { fact: 'status' }, factValue: 'above', valueResult: 'on' }]);
  });
  it('reads a path with the safe resolver, own properties only', () => {
    const { runSync } = compileRules([rule({ all: [{ fact: 'scores', path: '$.reading[1]', operator: 'greaterThan', value: 100 }] })]);
    assert.equal(runSync({ scores: { reading: [90, 110] } }).length, 1);
    assert.equal(runSync({ scores: Object.create({ reading: [90, 110] }) as object }).length, 0);
  });
  it('orders rules by json-rules-engine priority, highest first, and leaves out disabled rules', () => {
    const always = { all: [] };
    const c = compileRules([rule(always, 'low'), { ...rule(always, 'high'), priority: 5 }, { ...rule(always, 'off'), disabled: true }]);
    assert.deepEqual(c.rules.map((r) => r.name), ['high', 'low']);
  });
  it('ignores params on facts', () => {
    const { runSync } = compileRules([rule({ all: [{ fact: 'status', params: { anything: 1 }, operator: 'equal', value: 'below' }] })]);
    assert.equal(runSync({ status: 'below' }).length, 1);
  });
  it('treats a missing fact as undefined by default and throws when asked not to', () => {
    const r = [rule({ all: [{ fact: 'attendance', operator: 'lessThan', value: 90 }] })];
    assert.deepEqual(compileRules(r).runSync({}), []);
    assert.throws(() => compileRules(r, { allowUndefinedFacts: false }).runSync({}), /Undefined fact: attendance/);
  });
  it('throws, as json-rules-engine does, for `in` over a fact that is not a list', () => {
    const { runSync } = compileRules([rule({ all: [{ fact: 'status', operator: 'in', value: { fact: 'other' } }] })]);
    assert.throws(() => runSync({ status: 'on', other: null }), /rule "r"/);
  });
});

describe('compileRules on hostile rules', () => {
  it('refuses a JSONPath that could run script, without running it', () => {
    let ran = false;
    (globalThis as Record<string, unknown>).__ontrackPwned = () => {
      ran = true;
    };
    const hostile = ['$..[?(@.constructor.constructor("globalThis.__ontrackPwned()")())]', '$[(__ontrackPwned())]', '$.a[*]', "$['a'].__proto__", '$.constructor'];
    for (const path of hostile) {
      const issues = issuesOf(() => compileRules([rule({ all: [{ fact: 'x', path, operator: 'equal', value: 1 }] })]));
      assert.deepEqual(issues.map((i) => i.path), ['rules.0.conditions.all.0.path'], path);
      assert.equal(safePathResolver({ a: { b: 1 } }, path), undefined);
    }
    assert.equal(ran, false);
    delete (globalThis as Record<string, unknown>).__ontrackPwned;
  });
  it('accepts only the small path subset', () => {
    assert.deepEqual(parseSafePath('$.a.b[2]["c d"]'), { ok: true, segments: ['a', 'b', 2, 'c d'] });
    assert.equal(parseSafePath('a.b').ok, false);
    assert.equal(parseSafePath(`$${'.a'.repeat(40)}`).ok, false);
  });
  it('refuses __proto__, constructor and prototype keys and fact names', () => {
    const proto = JSON.parse('{"name":"r","event":{"type":"intervention"},"conditions":{"all":[{"fact":"x","operator":"equal","value":1,"__proto__":{"polluted":true}}]}}') as unknown;
    assert.deepEqual(issuesOf(() => compileRules([proto])).map((i) => i.path), ['rules.0.conditions.all.0.__proto__']);
    assert.deepEqual(issuesOf(() => compileRules([rule({ all: [{ fact: 'constructor', operator: 'equal', value: 1 }] })])).map((i) => i.path), ['rules.0.conditions.all.0.fact']);
    const inValue = JSON.parse('{"name":"r","event":{"type":"intervention"},"conditions":{"all":[{"fact":"x","operator":"equal","value":{"__proto__":{"a":1}}}]}}') as unknown;
    assert.deepEqual(issuesOf(() => compileRules([inValue])).map((i) => i.path), ['rules.0.conditions.all.0.value.__proto__']);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
  it('rejects deeply nested rules at the limit, naming the path, without recursing through them', () => {
    let deep: unknown = { fact: 'x', operator: 'equal', value: 1 };
    for (let i = 0; i < 100_000; i++) deep = { not: deep };
    const issues = issuesOf(() => compileRules([rule({ all: [deep] })]));
    assert.equal(issues.length, 1);
    assert.match(issues[0]?.message ?? '', /nested more than 16 deep/);
    assert.ok(issues[0]?.path.startsWith('rules.0.conditions.all.0.not.not'));
  });
  it('rejects huge rules and huge values quickly', () => {
    const many = Array.from({ length: 1_000_000 }, () => ({ fact: 'x', operator: 'equal', value: 1 }));
    const started = Date.now();
    assert.match(issuesOf(() => compileRules([rule({ any: many })]))[0]?.message ?? '', /at most 256 conditions/);
    const bigList = Array.from({ length: 1_000_000 }, (_, i) => i);
    assert.match(issuesOf(() => compileRules([rule({ all: [{ fact: 'x', operator: 'in', value: bigList }] })]))[0]?.message ?? '', /more than 1000 items/);
    let deepValue: unknown = 1;
    for (let i = 0; i < 100_000; i++) deepValue = [deepValue];
    assert.match(issuesOf(() => compileRules([rule({ all: [{ fact: 'x', operator: 'equal', value: deepValue }] })]))[0]?.message ?? '', /nested more than 16 deep/);
    const rules = Array.from({ length: 30 }, (_, i) => rule({ any: Array.from({ length: 200 }, () => ({ fact: 'x', operator: 'equal', value: 1 })) }, `r${i}`));
    assert.match(issuesOf(() => compileRules(rules))[0]?.message ?? '', /at most 4096 conditions together/);
    assert.ok(Date.now() - started < 5000);
  });
  it('lists every problem of every rule with its path', () => {
    const issues = issuesOf(() =>
      compileRules([
        rule({ all: [{ fact: 'x', operator: 'resembles', value: 1 }] }, 'a'),
        rule({ all: [{ fact: 'x', operator: 'equal' }] }, 'b'),
        rule({ all: [{ condition: 'shared' }] }, 'c'),
        rule({ all: [], any: [] }, 'd'),
        rule({ not: [] }, 'e'),
        rule({ all: [] }, 'a'),
        { name: 'f', conditions: { all: [] } },
      ]),
    );
    assert.deepEqual(issues.map((i) => i.path), [
      'rules.0.conditions.all.0.operator',
      'rules.1.conditions.all.0',
      'rules.2.conditions.all.0.condition',
      'rules.3.conditions',
      'rules.4.conditions.not',
      'rules.5.name',
      'rules.6.event',
    ]);
  });
});
