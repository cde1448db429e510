import type { Level, PupilGroup, TrackingPolicy } from '../schema/policy.js';
import { defaultRuleSettings } from './default-rules.js';

/** Below track < On track < Above track. */
export const defaultLevels: readonly Level[] = [
  { id: 'below', label: 'Below track', short: 'Below', rank: 0, concern: true },
  { id: 'on', label: 'On track', short: 'On', rank: 1 },
  { id: 'above', label: 'Above track', short: 'Above', rank: 2, challenge: true },
];

/** The pupil groups leaders filter by out of the box. */
export const defaultGroups: readonly PupilGroup[] = [
  { id: 'send', label: 'SEND', where: { send: ['support', 'ehcp'] } },
  { id: 'send-support', label: 'SEN support', where: { send: 'support' } },
  { id: 'ehcp', label: 'EHCP', where: { send: 'ehcp' } },
  { id: 'pupil-premium', label: 'Pupil premium', where: { pupilPremium: true } },
  { id: 'fsm', label: 'Free school meals', where: { fsm: true } },
  { id: 'eal', label: 'EAL', where: { eal: true } },
  { id: 'girls', label: 'Girls', where: { gender: 'F' } },
  { id: 'boys', label: 'Boys', where: { gender: 'M' } },
  { id: 'looked-after', label: 'Looked after', where: { lookedAfter: true } },
  { id: 'attendance-persistent-absence', label: 'Attendance under 90%', range: { attribute: 'attendance', max: 90 } },
  { id: 'attendance-95', label: 'Attendance 90–95%', range: { attribute: 'attendance', min: 90, max: 95 } },
  { id: 'attendance-good', label: 'Attendance 95% or more', range: { attribute: 'attendance', min: 95 } },
];

/** A fresh copy of the default policy's levels, groups and numbers, with no intervention rules. */
export function defaultPolicyWithoutRules(): TrackingPolicy {
  return {
    version: 1,
    id: 'default',
    name: 'OnTrack default policy',
    levels: defaultLevels.map((l) => ({ ...l })),
    defaultLevel: 'on',
    liveFromWeek: 4,
    snapshotsPerYear: 6,
    evidence: { standardised: { below: 85, above: 115 }, quiz: { below: 0.5, above: 0.85 } },
    groups: defaultGroups.map((g) => ({ ...g })),
    suppressUnder: 5,
    rules: [],
    ruleSettings: { ...defaultRuleSettings },
  };
}

/**
 * `defaultPolicy` without its intervention rules (`rules` is empty): the
 * levels, groups and numbers that live statuses, summaries and breakdowns
 * read. What an element falls back to when neither it nor a provider has a
 * policy — elements show statuses and never run rules, so their bundles leave
 * the default rules out. Evaluate interventions with `defaultPolicy`.
 */
export const defaultDisplayPolicy: TrackingPolicy = /* @__PURE__ */ defaultPolicyWithoutRules();
