import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FACTS, attributeFact, factNames, isKnownFact } from './catalog.js';

describe('FACTS', () => {
  it('names every fact once', () => {
    assert.equal(new Set(FACTS.map((f) => f.name)).size, FACTS.length);
  });
  it('lists the contract facts of the pupil-subject scope', () => {
    const names = factNames('pupil-subject');
    for (const n of ['status', 'source', 'rank', 'concern', 'challenge', 'concernStreak', 'rankChange', 'suggested', 'concernSubjects', 'pupilId', 'yearGroup', 'classId', 'subjectId', 'send', 'pupilPremium', 'eal', 'gender', 'attendance']) {
      assert.ok(names.includes(n), n);
    }
    assert.ok(!names.includes('live'));
  });
  it('gives the class-subject scope its own facts and no pupil facts', () => {
    assert.deepEqual(factNames('class-subject'), ['classId', 'schoolId', 'subjectId', 'live', 'weeksSinceRecorded']);
  });
  it('gives the pupil scope pupil facts but no subject facts', () => {
    const names = factNames('pupil');
    assert.ok(names.includes('concernSubjects') && names.includes('attendance'));
    assert.ok(!names.includes('status') && !names.includes('subjectId'));
  });
});

describe('isKnownFact', () => {
  it('knows catalogued facts only in their scopes', () => {
    assert.equal(isKnownFact('pupil-subject', 'status'), true);
    assert.equal(isKnownFact('pupil', 'status'), false);
  });
  it('knows other attribute keys only when the data has them, and never prototype keys', () => {
    assert.equal(isKnownFact('pupil', 'behaviourPoints'), false);
    assert.equal(isKnownFact('pupil', 'behaviourPoints', ['behaviourPoints']), true);
    assert.equal(isKnownFact('class-subject', 'behaviourPoints', ['behaviourPoints']), false);
    assert.equal(isKnownFact('pupil', '__proto__', ['__proto__']), false);
    assert.equal(attributeFact('pupil', 'constructor'), false);
    assert.equal(attributeFact('pupil', 'status'), false);
  });
});
