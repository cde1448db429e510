import { expect } from '@open-wc/testing';
import { en, gaugeLocales, gridLocales, resolveMessages, sectionWords, trendLocales } from './messages.js';

describe('sectionWords', () => {
  it('gives each section of resolveMessages for a language tag, English when unknown', () => {
    for (const lang of [undefined, 'en', 'en-GB', 'cy-GB', 'xx']) {
      expect(sectionWords(gridLocales, lang)).to.equal(resolveMessages(lang).grid);
      expect(sectionWords(gaugeLocales, lang)).to.equal(resolveMessages(lang).gauge);
      expect(sectionWords(trendLocales, lang)).to.equal(resolveMessages(lang).trend);
    }
    expect(sectionWords(gridLocales, 'en')).to.equal(en.grid);
  });

  it('applies a host override of the section and keeps every other word', () => {
    const words = sectionWords(gridLocales, 'en', { pupil: 'Learner' });
    expect(words.pupil).to.equal('Learner');
    expect(words.retry).to.equal(en.grid.retry);
    expect(words).to.deep.equal(resolveMessages('en', { grid: { pupil: 'Learner' } }).grid);
    expect(en.grid.pupil).to.equal('Pupil');
  });
});
