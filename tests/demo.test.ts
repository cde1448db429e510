import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { launchChromium, watchedPage } from './browser.js';
// @ts-expect-error -- the demo server is plain JavaScript so `npm start` needs no build.
import { startDemo } from '../examples/demo/serve.mjs';

interface Demo {
  server: { close(): Promise<void> };
  url: string;
  users: { id: string; password: string }[];
}
const start = startDemo as (o: { port: number; dbFile: string }) => Promise<Demo>;

const gridShown = (): boolean => (document.querySelector('ontrack-status-grid')?.shadowRoot?.querySelectorAll('[role="rowheader"]').length ?? 0) > 0;

/** Opens the page and signs in, unless the session cookie already does. */
async function signIn(page: Page, url: string, user: string, password: string): Promise<void> {
  await page.goto(url);
  await page.waitForFunction(
    () => document.querySelector('#sign-in:not([hidden])') !== null || (document.querySelector('ontrack-status-grid')?.shadowRoot?.querySelectorAll('[role="rowheader"]').length ?? 0) > 0,
  );
  if ((await page.$('#sign-in:not([hidden])')) === null) {
    await page.waitForFunction(gridShown);
    return;
  }
  await page.select('select[name="username"]', user);
  await page.type('input[name="password"]', password);
  await page.click('#sign-in button[type="submit"]');
  await page.waitForFunction(gridShown);
}

/** The `part` of the grid cell for a pupil (by name) and a column. */
function cellPart(page: Page, name: readonly string[], col: number): Promise<string | null> {
  return page.evaluate(
    (n, c) => {
      const rows = [...(document.querySelector('ontrack-status-grid')?.shadowRoot?.querySelectorAll('[role="row"]') ?? [])];
      const row = rows.find((r) => n.every((part) => r.querySelector('[role="rowheader"]')?.textContent.includes(part)));
      return row?.querySelectorAll('[role="gridcell"]')[c]?.getAttribute('part') ?? null;
    },
    name,
    col,
  );
}

describe('the demo page (npm start)', () => {
  let demo: Demo;
  let browser: Browser;
  let dir: string;
  let dbFile: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ontrack-demo-'));
    dbFile = join(dir, 'demo.sqlite');
    demo = await start({ port: 0, dbFile });
    browser = await launchChromium();
  });
  after(async () => {
    await browser.close();
    await demo.server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the grid with 30 pupils under a strict CSP, with no errors, once a leader signs in', async () => {
    const { page, problems } = await watchedPage(browser);
    const response = await page.goto(demo.url);
    assert.match(response?.headers()['content-security-policy'] ?? '', /script-src 'self'/);
    // Signed out, the page asks who you are and the API gives nothing.
    await page.waitForSelector('#sign-in:not([hidden])');
    // The first /api/me answers 401 while signed out; Chromium logs that as a console error.
    problems.length = 0;
    const leader = demo.users.find((u) => u.id === 'leader')!;
    await signIn(page, demo.url, 'leader', leader.password);
    // Rows are virtualised: the grid says how many there are (30 pupils, the header and the summary row).
    const rows = await page.evaluate(() => document.querySelector('ontrack-status-grid')?.shadowRoot?.querySelector('[role="grid"]')?.getAttribute('aria-rowcount'));
    assert.equal(rows, '32', '30 pupils, the header row and the summary row');
    // The provider's evaluation (the engine, compiled rules) runs under the same CSP: its markers appear.
    await page.waitForFunction(() => (document.querySelector('ontrack-status-grid')?.shadowRoot?.querySelectorAll('[part~="marker"]').length ?? 0) > 0, { timeout: 10_000 });
    assert.deepEqual(problems.filter((p) => !/401/.test(p)), []);
    await page.close();
  });

  it('keeps an edit across a restart of the server', async () => {
    const leader = demo.users.find((u) => u.id === 'leader')!;
    let page = await browser.newPage();
    await signIn(page, demo.url, 'leader', leader.password);
    // The pupil in the grid's first row (always drawn, however the grid virtualises), and the first subject.
    const first = await page.evaluate(() => document.querySelector('ontrack-status-grid')?.shadowRoot?.querySelector('[role="rowheader"]')?.textContent ?? '');
    const target = await page.evaluate(async (header) => {
      const data = (await (await fetch('/api/dataset')).json()) as { pupils: { id: string; givenName: string; familyName: string }[]; subjects: { id: string }[] };
      const pupil = data.pupils.find((p) => header.includes(p.givenName) && header.includes(p.familyName))!;
      return { pupilId: pupil.id, name: [pupil.givenName, pupil.familyName], subjectId: data.subjects[0]!.id };
    }, first);
    const before = await cellPart(page, target.name, 0);
    const status = before?.includes('level-below') ? 'above' : 'below';
    const saved = await page.evaluate(async (t, s) => {
      const r = await fetch('/api/judgements', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ pupilId: t.pupilId, subjectId: t.subjectId, status: s, recordedBy: 'leader', note: 'survives a restart' }) });
      return r.status;
    }, target, status);
    assert.equal(saved, 201);
    await page.waitForFunction((n, s) => {
      const rows = [...(document.querySelector('ontrack-status-grid')?.shadowRoot?.querySelectorAll('[role="row"]') ?? [])];
      const row = rows.find((r) => n.every((part) => r.querySelector('[role="rowheader"]')?.textContent.includes(part)));
      return row?.querySelectorAll('[role="gridcell"]')[0]?.getAttribute('part')?.includes(`level-${s}`) ?? false;
    }, {}, target.name, status);
    await page.close();

    await demo.server.close();
    demo = await start({ port: 0, dbFile });
    page = await browser.newPage();
    await signIn(page, demo.url, 'leader', leader.password);
    const after = await cellPart(page, target.name, 0);
    assert.match(after ?? '', new RegExp(`level-${status} source-recorded`));
    await page.close();
  });
});
