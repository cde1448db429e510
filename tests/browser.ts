import puppeteer, { type Browser } from 'puppeteer-core';
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
