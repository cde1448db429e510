// Finds a Chrome or Chromium for the browser tests: $CHROME_PATH first, then the
// usual names on Linux and macOS. Prints the path; exits 1 with one line when none.
import { accessSync, constants } from 'node:fs';
import { execSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';

const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];
const MAC = [
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

function executable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** @returns {string | undefined} */
export function findChrome() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv && executable(fromEnv)) return fromEnv;
  for (const name of NAMES) {
    try {
      const found = execSync(`command -v ${name}`, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
      if (found) return found;
    } catch {
      // not on PATH; try the next name
    }
  }
  return MAC.find(executable);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const path = findChrome();
  if (!path) {
    console.error('No Chrome or Chromium found: install one (Debian/Ubuntu: `apt-get install chromium`) or set CHROME_PATH to its executable.');
    process.exit(1);
  }
  console.log(`Browser tests use ${path}`);
}
