import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'puppeteer-core';
import { launchChromium, watchedPage } from './browser.js';
// @ts-expect-error -- the demo server is plain JavaScript so `npm start` needs no build.
import { startDemo } from '../examples/demo/serve.mjs';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Demo {
  server: { close(): Promise<void> };
  url: string;
  users: { id: string; password: string }[];
}

/** What the dashboard shows: grid rows, the gauges' titles, the trend's plot, the filters' options. */
interface Seen {
  readonly rows: number;
  readonly gauges: readonly string[];
  readonly trendPlot: boolean;
  readonly classes: readonly string[];
}

describe('the leader’s dashboard (npm start)', () => {
  let demo: Demo;
  let browser: Browser;
  let dir: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ontrack-dashboard-'));
    demo = await (startDemo as (o: { port: number; dbFile: string }) => Promise<Demo>)({ port: 0, dbFile: join(dir, 'demo.sqlite') });
    browser = await launchChromium();
  });
  after(async () => {
    await browser.close();
    await demo.server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows gauges per group, the trend and the grid; one filter narrows all three; Space opens why a pupil is flagged; axe finds nothing', async () => {
    const { page, problems } = await watchedPage(browser);
    await page.goto(demo.url);
    await page.waitForSelector('#sign-in:not([hidden])');
    const leader = demo.users.find((u) => u.id === 'leader');
    assert.ok(leader);
    await page.type('input[name="password"]', leader.password);
    await page.click('#sign-in button[type="submit"]');
    const look = (): Promise<Seen> =>
      page.evaluate(() => ({
        // Rows are virtualised: the grid says how many there are.
        rows: Number(document.querySelector('ontrack-status-grid')?.shadowRoot?.querySelector('[role="grid"]')?.getAttribute('aria-rowcount') ?? 0),
        gauges: [...document.querySelectorAll('ontrack-cohort-gauge')].map((g) => g.shadowRoot?.querySelector('[part~="title"]')?.textContent.trim() ?? ''),
        trendPlot: document.querySelector('ontrack-trend-chart')?.shadowRoot?.querySelector('[part~="plot"]') !== null,
        classes: [...document.querySelectorAll<HTMLOptionElement>('#filter-class option')].map((o) => o.value).filter(Boolean),
      }));
    await page.waitForFunction(
      () =>
        (document.querySelector('ontrack-status-grid')?.shadowRoot?.querySelectorAll('[role="rowheader"]').length ?? 0) > 0 &&
        document.querySelectorAll('#filter-class option').length > 1 &&
        [...document.querySelectorAll('ontrack-cohort-gauge')].every((g) => g.shadowRoot?.querySelector('[part~="title"]')),
    );
    const all = await look();
    assert.equal(all.gauges.length, 4, 'all pupils and three groups');
    assert.ok(all.gauges.every((t) => t.length > 0));
    assert.equal(all.trendPlot, true);
    assert.ok(all.classes.length > 1, 'the classes of the school are offered');

    // One filter: the first class. Every element narrows to it.
    const classId = all.classes[0] ?? '';
    await page.select('#filter-class', classId);
    await page.waitForFunction((n) => Number(document.querySelector('ontrack-status-grid')?.shadowRoot?.querySelector('[role="grid"]')?.getAttribute('aria-rowcount') ?? n) < n, {}, all.rows);
    const one = await look();
    assert.ok(one.rows < all.rows && one.rows > 2, `the grid shows one class (${String(one.rows)} of ${String(all.rows)} rows)`);
    assert.ok(one.gauges.every((t, i) => t !== all.gauges[i] && t.includes(classId)), `the gauges name the class: ${one.gauges.join(' | ')}`);
    const trendTitle = await page.evaluate(() => document.querySelector('ontrack-trend-chart')?.shadowRoot?.querySelector('[part~="subtitle"], [part~="title"]')?.textContent ?? '');
    assert.ok(trendTitle.length > 0);

    // The why-popover: focus a flagged cell and press Space.
    await page.select('#filter-class', '');
    const flagged = await page.waitForFunction(() => document.querySelector('ontrack-status-grid')?.shadowRoot?.querySelector('.body [part~="flagged"]'));
    await (flagged as unknown as { focus(): Promise<void> }).focus();
    await page.keyboard.press('Space');
    const why = await page.waitForFunction(() => document.querySelector('ontrack-status-grid')?.shadowRoot?.querySelector('[part~="popover"]')?.textContent ?? '');
    assert.match(await why.jsonValue(), /\S/);
    await page.keyboard.press('Escape');

    // The whole dashboard, signed in and drawn, passes axe (WCAG 2.2 AA rules).
    await page.evaluate(axeSource);
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(o: unknown): Promise<{ violations: { id: string; nodes: unknown[] }[] }> } }).axe;
      const result = await axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
      return result.violations.map((v) => `${v.id} (${String(v.nodes.length)})`);
    });
    assert.deepEqual(violations, []);
    // Signed out, the first /api/me answers 401, which Chromium logs as an error.
    assert.deepEqual(problems.filter((p) => !/401/.test(p)), []);
  });
});
