import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Server } from 'node:http';
import type { Browser, Page } from 'puppeteer-core';
import { launchChromium, watchedPage } from './browser.js';

interface Started {
  readonly server: Server;
  readonly url: string;
}
type Start = (options: { port: number }) => Promise<Started>;

/** Each numbered browser example: its folder and the rows its grid shows (pupils, header and summary). */
const examples: readonly { readonly name: string; readonly rows: number; readonly afterEdit?: RegExp }[] = [
  { name: '01-plain-html', rows: 32 },
  // The page's own status line, set from the typed `onStatusSaved` prop.
  { name: '02-react', rows: 32, afterEdit: /^Saved: (below|above) for pupil / },
  { name: '03-vue', rows: 32 },
  { name: '05-theme', rows: 32 },
];

/** What the page's own status line says once the provider has sent `ontrack-load`. */
async function loadedLine(page: Page): Promise<string> {
  await page.waitForFunction(() => document.querySelector('[role="status"]')?.textContent.startsWith('Loaded') === true);
  return page.evaluate(() => document.querySelector('[role="status"]')?.textContent ?? '');
}

/** Opens a page that records console errors, uncaught exceptions and CSP violations. */
async function openWatched(browser: Browser, url: string): Promise<{ page: Page; problems: string[] }> {
  const { page, problems } = await watchedPage(browser);
  const response = await page.goto(url);
  assert.match(response?.headers()['content-security-policy'] ?? '', /script-src 'self'/);
  return { page, problems };
}

/** Waits for the first grid to render its rows and says how many it has (header and summary included). */
async function gridRows(page: Page): Promise<number> {
  await page.waitForFunction(() => (document.querySelector('ontrack-status-grid')?.shadowRoot?.querySelectorAll('[role="rowheader"]').length ?? 0) > 0);
  // Rows are virtualised: the grid says how many there are.
  return page.evaluate(() => Number(document.querySelector('ontrack-status-grid')?.shadowRoot?.querySelector('[role="grid"]')?.getAttribute('aria-rowcount') ?? 0));
}

/**
 * Makes one edit as a teacher would — focuses the first pupil's first subject and
 * types the first letter of a different level — and resolves with that cell's
 * parts before and after, the `ontrack-status-saved` detail, and whether the
 * adapter now holds the judgement.
 */
async function editFirstCell(page: Page): Promise<{ before: string; after: string; to: string; local: boolean; stored: boolean }> {
  const first = '.body [data-row="0"][data-col="1"]';
  const cell = await page.waitForFunction((sel) => document.querySelector('ontrack-status-grid')?.shadowRoot?.querySelector(sel), {}, first);
  const before = await page.evaluate((el) => (el as Element).getAttribute('part') ?? '', cell);
  const to = before.includes('level-below') ? 'above' : 'below';
  await page.evaluate(() => {
    const w = window as unknown as { saved?: { pupilId: string; subjectId: string; local: boolean } };
    document.addEventListener('ontrack-status-saved', (e) => { w.saved = (e as CustomEvent<{ pupilId: string; subjectId: string; local: boolean }>).detail; }, { once: true });
  });
  await (cell as unknown as { focus(): Promise<void> }).focus();
  await page.keyboard.press(to === 'below' ? 'b' : 'a');
  await page.waitForFunction(() => (window as unknown as { saved?: unknown }).saved !== undefined);
  // The cell follows once the provider has published the stored judgement.
  await page
    .waitForFunction((sel, level) => document.querySelector('ontrack-status-grid')?.shadowRoot?.querySelector(sel)?.getAttribute('part')?.includes(`level-${level}`), { timeout: 3000 }, first, to)
    .catch(() => undefined);
  const result = await page.evaluate(async (sel, level) => {
    const saved = (window as unknown as { saved: { pupilId: string; subjectId: string; local: boolean } }).saved;
    const provider = document.querySelector('ontrack-provider');
    const data = await provider?.adapter?.load(provider.scope);
    const stored = data?.judgements.some((j) => j.pupilId === saved.pupilId && j.subjectId === saved.subjectId && j.status === level) ?? false;
    const after = document.querySelector('ontrack-status-grid')?.shadowRoot?.querySelector(sel)?.getAttribute('part') ?? '';
    return { after, local: saved.local, stored };
  }, first, to);
  return { ...result, before, to };
}

/** Starts an example's own server (its `serve.mjs`, the file its one command runs) on a free port. */
async function startExample(name: string): Promise<Started> {
  const mod = (await import(`../examples/${name}/serve.mjs`)) as { start: Start };
  return mod.start({ port: 0 });
}

// One Chromium for every example.
let browser: Browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser.close();
});

for (const example of examples) {
  describe(`examples/${example.name}`, () => {
    let started: Started;

    before(async () => {
      started = await startExample(example.name);
    });
    after(() => {
      started.server.close();
    });

    it('shows the grid under a strict CSP and follows one edit, with no errors', async () => {
      const { page, problems } = await openWatched(browser, started.url);
      assert.equal(await gridRows(page), example.rows);
      assert.equal(await loadedLine(page), 'Loaded: ready', 'the page heard the typed ontrack-load event');
      const edit = await editFirstCell(page);
      assert.doesNotMatch(edit.before, new RegExp(`level-${edit.to}`));
      assert.match(edit.after, new RegExp(`level-${edit.to} source-recorded`));
      assert.equal(edit.local, false, 'saved through the provider’s adapter');
      assert.equal(edit.stored, true, 'the adapter holds the new judgement');
      if (example.afterEdit) {
        // The page hears ontrack-status-saved once the adapter answers, and its framework renders a moment later.
        const statusLine = (): Promise<string> => page.evaluate(() => document.querySelector('[role="status"]')?.textContent ?? '');
        await page.waitForFunction((source) => new RegExp(source).test(document.querySelector('[role="status"]')?.textContent ?? ''), { timeout: 5000 }, example.afterEdit.source).catch(() => undefined);
        assert.match(await statusLine(), example.afterEdit);
      }
      assert.deepEqual(problems, []);
    });
  });
}

describe('examples/05-theme in the portal look', () => {
  let started: Started;

  before(async () => {
    started = await startExample('05-theme');
  });
  after(() => {
    started.server.close();
  });

  it('restyles the grid through --ontrack-* tokens and ::part, keeping the level colours', async () => {
    const { page } = await openWatched(browser, started.url);
    await gridRows(page);
    const looks = await page.evaluate(() => {
      const root = document.querySelector('ontrack-status-grid')?.shadowRoot;
      const header = root?.querySelector('[part~="column-header"]');
      const grid = root?.querySelector('[part~="grid"]');
      const below = root?.querySelector('[part~="level-below"]');
      if (!header || !grid || !below) throw new Error('grid parts missing');
      return {
        headerBg: getComputedStyle(header).backgroundColor,
        headerCase: getComputedStyle(header).textTransform,
        radius: getComputedStyle(grid).borderTopLeftRadius,
        font: getComputedStyle(grid).fontFamily,
        belowBg: getComputedStyle(below).backgroundColor,
      };
    });
    assert.equal(looks.headerBg, 'rgb(20, 38, 74)', '::part(column-header) takes the portal navy');
    assert.equal(looks.headerCase, 'uppercase');
    assert.equal(looks.radius, '8px', '--ontrack-radius');
    assert.match(looks.font, /Trebuchet MS/, '--ontrack-font');
    assert.equal(looks.belowBg, 'rgb(251, 217, 201)', 'the default colour-blind-safe tone for Below is kept');
  });
});
