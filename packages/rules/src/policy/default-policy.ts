import type { TrackingPolicy } from '../schema/policy.js';
import { defaultLevels, defaultPolicyWithoutRules } from './default-levels.js';
import { buildDefaultRules, defaultRuleSettings } from './default-rules.js';

export { defaultGroups, defaultLevels } from './default-levels.js';

/** The default policy: domain.md's model with every default number. */
export const defaultPolicy: TrackingPolicy = {
  ...defaultPolicyWithoutRules(),
  rules: buildDefaultRules(defaultRuleSettings, defaultLevels),
};
