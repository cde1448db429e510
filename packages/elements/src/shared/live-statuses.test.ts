import { expect } from '@open-wc/testing';
import { defaultPolicy, generateSchool, liveStatuses } from '@ontrack/rules';
import { sharedLiveStatuses } from './live-statuses.js';

const DATE = '2026-11-16';
const school = generateSchool({ seed: 3, pupils: 20, through: DATE });

describe('sharedLiveStatuses', () => {
  it('gives the same statuses as liveStatuses', () => {
    expect(sharedLiveStatuses(school, defaultPolicy, DATE)).to.deep.equal(liveStatuses(school, defaultPolicy, DATE));
  });

  it('computes once for the same dataset, policy and date', () => {
    expect(sharedLiveStatuses(school, defaultPolicy, DATE)).to.equal(sharedLiveStatuses(school, defaultPolicy, DATE));
  });

  it('computes again when the dataset, the policy or the date changes', () => {
    const first = sharedLiveStatuses(school, defaultPolicy, DATE);
    const edited = { ...school, judgements: [...school.judgements, { pupilId: school.pupils[0]!.id, subjectId: 'maths', status: 'above', recordedAt: '2026-11-10T10:00:00Z', recordedBy: 't1' }] };
    expect(sharedLiveStatuses(edited, defaultPolicy, DATE)).not.to.equal(first);
    expect(sharedLiveStatuses(edited, defaultPolicy, DATE).find((s) => s.pupilId === school.pupils[0]!.id && s.subjectId === 'maths')?.status).to.equal('above');
    expect(sharedLiveStatuses(school, { ...defaultPolicy }, DATE)).not.to.equal(first);
    expect(sharedLiveStatuses(school, defaultPolicy, '2026-11-17')).not.to.equal(first);
  });
});
