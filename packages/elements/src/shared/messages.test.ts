import { expect, fixture } from '@open-wc/testing';
import { html } from 'lit';
import { generateSchool } from '@ontrack/rules';
import '../index.js';
import { cy } from '../locales/cy.js';
import { en, gaugeLocales, gridLocales, locales, registerLocale, resolveMessages, sectionWords, trendLocales, type Messages } from './messages.js';

/** Every message key, as `section.key`, with the kind of value (string or function). */
function shape(m: Messages): string[] {
  return Object.entries(m).flatMap(([section, words]) => Object.entries(words as object).map(([key, v]) => `${section}.${key}:${typeof v}`)).sort();
}

describe('messages', () => {
  it('ships English and Welsh', () => {
    expect(Object.keys(locales)).to.include.members(['cy', 'en']);
  });

  it('gives Welsh every key English has, of the same kind', () => {
    expect(shape(cy)).to.deep.equal(shape(en));
  });

  it('translates every Welsh phrase rather than copying the English', () => {
    // Pure formats (no words of their own) are the same in both languages.
    const formatOnly = ['gauge.gapLine', 'gauge.markerShort', 'trend.point', 'trend.target'];
    const same = shape(en)
      .map((k) => k.split(':')[0] ?? '')
      .filter((k) => !formatOnly.includes(k))
      .filter((k) => {
        const [section, key] = k.split('.') as [keyof Messages, string];
        const a = (en[section] as Record<string, unknown>)[key];
        const b = (cy[section] as Record<string, unknown>)[key];
        return typeof a === 'function' ? (a as (x: string) => string)('X') === (b as (x: string) => string)('X') : a === b;
      });
    expect(same).to.deep.equal([]);
  });

  it('resolves a regional tag to its language and an unknown one to English', () => {
    expect(resolveMessages('cy-GB').grid.pupil).to.equal(cy.grid.pupil);
    expect(resolveMessages('fr').grid.pupil).to.equal(en.grid.pupil);
  });

  it('renders the grid in Welsh inside lang="cy"', async () => {
    const data = generateSchool({ seed: 1, pupils: 3, through: '2026-11-16' });
    const el = await fixture<HTMLElement>(html`<div lang="cy"><ontrack-status-grid .data=${data} date="2026-11-16"></ontrack-status-grid></div>`);
    const grid = el.querySelector('ontrack-status-grid');
    await grid?.updateComplete;
    expect(grid?.shadowRoot?.querySelector('[role="columnheader"]')?.textContent.trim()).to.equal('Disgybl');
  });
});

describe('registerLocale', () => {
  it('makes a host-supplied locale reach every element through lang', async () => {
    const pirate: Messages = { grid: { ...en.grid, pupil: 'Deckhand' }, gauge: en.gauge, trend: en.trend };
    registerLocale('zz-PIRATE', pirate);
    expect(resolveMessages('zz-PIRATE').grid.pupil).to.equal('Deckhand');
    expect(sectionWords(gridLocales, 'zz')).to.equal(pirate.grid);
    const data = generateSchool({ seed: 1, pupils: 3, through: '2026-11-16' });
    const el = await fixture<HTMLElement>(html`<div lang="zz"><ontrack-status-grid .data=${data} date="2026-11-16"></ontrack-status-grid></div>`);
    const grid = el.querySelector('ontrack-status-grid');
    await grid?.updateComplete;
    expect(grid?.shadowRoot?.querySelector('[role="columnheader"]')?.textContent.trim()).to.equal('Deckhand');
  });

  it('refuses a tag that is not a language tag, naming it', () => {
    expect(() => { registerLocale('__proto__', en); }).to.throw(/"__proto__" is not a BCP 47 language tag/);
    expect(() => { registerLocale('', en); }).to.throw(/is not a BCP 47/);
    expect(Object.keys(locales)).not.to.include('__proto__');
  });
});

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
