import puppeteer, { type Browser, type Page } from 'puppeteer-core';
// @ts-expect-error -- a plain .mjs script shared with web-test-runner's config; it has no types.
import { findChrome } from '../scripts/find-chrome.mjs';

/** Launches the same headless Chromium the browser tests use. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = (findChrome as () => string | undefined)();
  if (!executablePath) throw new Error('No Chrome or Chromium found: install one (apt-get install chromium) or set CHROME_PATH.');
  return puppeteer.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--headless=new', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/**
 * Opens a page that records console errors, uncaught exceptions and CSP
 * violations (with where they happened) into `problems`.
 */
export async function watchedPage(browser: Browser): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(String(e)));
  await page.evaluateOnNewDocument(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${String(e.lineNumber)}:${String(e.columnNumber)}`);
    });
  });
  return { page, problems };
}
