import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Server } from 'node:http';
import type { Browser } from 'puppeteer-core';
import { launchChromium } from './browser.js';
// @ts-expect-error -- the demo server is plain JavaScript so `npm start` needs no build.
import { startDemo } from '../examples/demo/serve.mjs';

describe('the demo page (npm start)', () => {
  let server: Server;
  let url: string;
  let browser: Browser;

  before(async () => {
    ({ server, url } = await (startDemo as (o: { port: number }) => Promise<{ server: Server; url: string }>)({ port: 0 }));
    browser = await launchChromium();
  });
  after(async () => {
    await browser.close();
    server.close();
  });

  it('shows the grid with 30 pupils under a strict CSP, with no errors', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(String(e)));
    await page.evaluateOnNewDocument(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`);
      });
    });
    const response = await page.goto(url);
    assert.match(response?.headers()['content-security-policy'] ?? '', /script-src 'self'/);
    await page.waitForFunction(() => (document.querySelector('ontrack-status-grid')?.shadowRoot?.querySelectorAll('[role="rowheader"]').length ?? 0) > 0);
    const rows = await page.evaluate(() => document.querySelector('ontrack-status-grid')?.shadowRoot?.querySelectorAll('[role="row"]').length);
    assert.equal(rows, 32, '30 pupils, the header row and the summary row');
    assert.deepEqual(problems, []);
  });
});
