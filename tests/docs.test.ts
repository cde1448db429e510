import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'puppeteer-core';
import { launchChromium } from './browser.js';
// @ts-expect-error -- the examples' tiny static server is plain JavaScript.
import { serveExample } from '../examples/shared/serve-example.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));
/** Snippets run from inside the repository (gitignored), so `@ontrack/*` resolve as for any workspace file. */
const work = join(repo, '.cache', 'docs-snippets');

type Serve = (o: { root: string; entry: string; port: number }) => Promise<{ server: Server; url: string }>;

/**
 * A fenced code block. Tagged in its info string:
 * - `ts runnable`: a Node script, run with tsx;
 * - `html runnable`: a page fragment whose `<script type="module">` is bundled and loaded in Chromium;
 * - `file=NAME`: one file of a page the guide builds step by step (index.html + main.ts + …).
 */
interface Snippet {
  readonly doc: string;
  readonly line: number;
  readonly lang: string;
  readonly runnable: boolean;
  readonly file: string | undefined;
  readonly code: string;
}

/** The docs a newcomer reads: the READMEs and every guide. */
function docFiles(): string[] {
  const guides = readdirSync(join(repo, 'docs')).filter((f) => f.endsWith('.md')).map((f) => join('docs', f));
  return ['README.md', 'packages/rules/README.md', 'packages/elements/README.md', ...guides];
}

/** Every fenced block of a markdown file, with its info-string tags. */
function snippetsOf(doc: string, text: string): Snippet[] {
  const out: Snippet[] = [];
  const fence = /^```([^\n]*)\n([\s\S]*?)^```\s*$/gm;
  for (const m of text.matchAll(fence)) {
    const info = (m[1] ?? '').trim().split(/\s+/);
    const file = info.find((w) => w.startsWith('file='))?.slice('file='.length);
    out.push({ doc, line: text.slice(0, m.index).split('\n').length, lang: info[0] ?? '', runnable: info.includes('runnable'), file, code: m[2] ?? '' });
  }
  return out;
}

const all = docFiles().flatMap((doc) => snippetsOf(doc, readFileSync(join(repo, doc), 'utf8')));
const slug = (s: Snippet): string => `${basename(s.doc, '.md')}-${String(s.line)}`;

let browser: Browser;
before(async () => {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  browser = await launchChromium();
});
after(async () => {
  await browser.close();
});

/** Serves a folder holding index.html and main.ts under the strict CSP and reports the grid it shows. */
async function loadPage(dir: string): Promise<{ rows: number; parts: string[]; problems: string[] }> {
  const { server, url } = await (serveExample as Serve)({ root: dir, entry: 'main.ts', port: 0 });
  try {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    await page.goto(url);
    await page.waitForFunction(() => (document.querySelector('ontrack-status-grid')?.shadowRoot?.querySelectorAll('[role="rowheader"]').length ?? 0) > 0, { timeout: 10000 });
    const seen = await page.evaluate(() => {
      const root = document.querySelector('ontrack-status-grid')?.shadowRoot;
      return {
        rows: Number(root?.querySelector('[role="grid"]')?.getAttribute('aria-rowcount') ?? 0),
        parts: [...(root?.querySelectorAll('[role="gridcell"]') ?? [])].map((c) => c.getAttribute('part') ?? ''),
      };
    });
    await page.close();
    return { ...seen, problems };
  } finally {
    server.close();
  }
}

describe('runnable snippets in the docs', () => {
  it('finds the tagged snippets', () => {
    assert.ok(all.filter((s) => s.runnable || s.file).length >= 4, 'the READMEs and guides tag their snippets');
  });

  for (const s of all.filter((x) => x.runnable && (x.lang === 'ts' || x.lang === 'js'))) {
    it(`runs ${s.doc}:${String(s.line)} in Node`, () => {
      const file = join(work, `${slug(s)}.${s.lang === 'ts' ? 'ts' : 'mjs'}`);
      writeFileSync(file, s.code);
      execFileSync(process.execPath, ['--import', 'tsx', file], { cwd: repo, stdio: 'pipe', timeout: 30000 });
    });
  }

  for (const s of all.filter((x) => x.runnable && x.lang === 'html')) {
    it(`shows ${s.doc}:${String(s.line)} in Chromium`, async () => {
      const dir = join(work, slug(s));
      mkdirSync(dir, { recursive: true });
      const scripts = [...s.code.matchAll(/<script type="module">([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? '');
      writeFileSync(join(dir, 'main.ts'), scripts.join('\n'));
      const body = s.code.replace(/<script type="module">[\s\S]*?<\/script>/g, '');
      writeFileSync(join(dir, 'index.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>snippet</title><script type="module" src="./main.js"></script></head><body>${body}</body></html>`);
      const seen = await loadPage(dir);
      assert.ok(seen.rows > 1, 'a grid with pupils');
      assert.deepEqual(seen.problems, []);
    });
  }
});

describe('docs/embedding.md followed literally', () => {
  const steps = all.filter((s) => s.doc === 'docs/embedding.md' && s.file);

  it('writes the adapter, the page and main.ts, bundles them and shows the grid of the guide’s own data', async () => {
    assert.deepEqual(steps.map((s) => s.file).sort(), ['index.html', 'main.ts', 'my-adapter.ts']);
    const dir = join(work, 'embedding-guide');
    mkdirSync(dir, { recursive: true });
    for (const s of steps) writeFileSync(join(dir, s.file ?? ''), s.code);
    const seen = await loadPage(dir);
    assert.equal(seen.rows, 4, 'the guide’s two pupils, the header and the summary row');
    assert.ok(seen.parts.some((p) => p.includes('level-below') && p.includes('source-recorded')), 'Amira is Below in Maths, as recorded');
    assert.ok(seen.parts.some((p) => p.includes('level-on') && p.includes('source-default')), 'the rest are a default On');
    assert.deepEqual(seen.problems, []);
  });
});
