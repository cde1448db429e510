import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { policySchema } from '../schema/policy.js';
import { defaultDisplayPolicy, defaultPolicyWithoutRules } from './default-levels.js';
import { defaultPolicy } from './default-policy.js';
import { buildDefaultRules, defaultRuleSettings } from './default-rules.js';

describe('defaultDisplayPolicy', () => {
  it('is defaultPolicy with no rules, every other key equal', () => {
    const { rules, ...rest } = defaultPolicy;
    assert.deepEqual(defaultDisplayPolicy, { ...rest, rules: [] });
    assert.ok(rules.length > 0);
    assert.deepEqual(Object.keys(defaultDisplayPolicy), Object.keys(defaultPolicy));
  });

  it('is a valid policy', () => {
    assert.equal(policySchema.safeParse(defaultDisplayPolicy).success, true);
  });

  it('leaves defaultPolicy built as before: the default rules from the default settings and levels', () => {
    assert.deepEqual(defaultPolicy.rules, buildDefaultRules(defaultRuleSettings, defaultPolicy.levels));
  });

  it('makes fresh copies, so the default policy and the display policy share no arrays', () => {
    const a = defaultPolicyWithoutRules();
    assert.notEqual(a.levels, defaultDisplayPolicy.levels);
    assert.notEqual(defaultPolicy.levels, defaultDisplayPolicy.levels);
    assert.notEqual(defaultPolicy.groups, defaultDisplayPolicy.groups);
    assert.notEqual(defaultPolicy.ruleSettings, defaultDisplayPolicy.ruleSettings);
  });
});
