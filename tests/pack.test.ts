import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { build } from 'esbuild';
import { launchChromium } from './browser.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

interface ExportEntry {
  readonly types?: string;
  readonly default?: string;
}

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** The version each workspace dev dependency is installed at, so the clean project asks for what the cache holds. */
function installedVersion(name: string): string {
  return (readJson(join(repo, 'node_modules', name, 'package.json')) as { version: string }).version;
}

/**
 * Packs both packages (as built by `npm run build`, which `npm test` runs first),
 * installs the tarballs into a new project in the system temp directory, outside
 * the workspace, and uses them only from there.
 */
describe('the packed packages in a clean project', () => {
  let dir: string;
  let app: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'ontrack-pack-'));
    app = join(dir, 'app');
    mkdirSync(app);
    execFileSync(npm, ['pack', '-w', 'packages/rules', '-w', 'packages/elements', '--pack-destination', dir, '--silent'], { cwd: repo, stdio: 'pipe' });
    writeFileSync(
      join(app, 'package.json'),
      JSON.stringify({
        name: 'clean-app',
        private: true,
        type: 'module',
        dependencies: {
          '@ontrack/rules': `file:../ontrack-rules-0.1.0.tgz`,
          '@ontrack/elements': `file:../ontrack-elements-0.1.0.tgz`,
          // The optional peers of `@ontrack/elements/react`.
          react: installedVersion('react'),
          '@lit/react': installedVersion('@lit/react'),
        },
      }),
    );
    const install = ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'];
    try {
      execFileSync(npm, [...install, '--offline'], { cwd: app, stdio: 'pipe' });
    } catch {
      // A cold cache: fetch what is missing once.
      execFileSync(npm, [...install, '--prefer-offline'], { cwd: app, stdio: 'pipe' });
    }
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('installs outside the workspace', () => {
    assert.ok(!resolve(app).startsWith(resolve(repo)), `${app} is inside ${repo}`);
    for (const name of ['@ontrack/rules', '@ontrack/elements']) {
      assert.ok(existsSync(join(app, 'node_modules', name, 'package.json')), `${name} installed`);
    }
  });

  it('ships the file named by every exports entry, with its .d.ts', () => {
    for (const name of ['@ontrack/rules', '@ontrack/elements']) {
      const root = join(app, 'node_modules', name);
      const { exports } = readJson(join(root, 'package.json')) as { exports: Record<string, string | ExportEntry> };
      for (const [key, entry] of Object.entries(exports)) {
        const files = typeof entry === 'string' ? [entry] : [entry.default, entry.types].filter((f): f is string => f !== undefined);
        assert.ok(files.length > 0, `${name} ${key} names a file`);
        for (const file of files) assert.ok(existsSync(join(root, file)), `${name} ${key}: ${file} is in the tarball`);
        if (typeof entry !== 'string') assert.match(entry.types ?? '', /\.d\.ts$/, `${name} ${key} has types`);
      }
    }
  });

  it('imports @ontrack/rules in Node and evaluates the synthetic school', () => {
    const script = `
      import { generateSchool, liveStatuses, defaultPolicy, summarize } from '@ontrack/rules';
      const school = generateSchool({ seed: 3, pupils: 12, through: '2026-11-16' });
      const statuses = liveStatuses(school, defaultPolicy, '2026-11-16');
      console.log(JSON.stringify({ url: import.meta.resolve('@ontrack/rules'), total: summarize(statuses, defaultPolicy).total }));
    `;
    const out = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: app, encoding: 'utf8' })) as { url: string; total: number };
    assert.ok(fileURLToPath(out.url).startsWith(join(app, 'node_modules')), `resolved from the clean project: ${out.url}`);
    assert.ok(out.total > 0);
  });

  it('runs the ontrack bin with --help', () => {
    const help = execFileSync(join(app, 'node_modules', '.bin', 'ontrack'), ['--help'], { cwd: app, encoding: 'utf8' });
    assert.match(help, /Usage: ontrack/);
    assert.match(help, /validate/);
  });

  it('ships custom-elements.json naming every element', () => {
    const manifest = readJson(join(app, 'node_modules', '@ontrack', 'elements', 'custom-elements.json')) as { modules: { declarations?: { tagName?: string }[] }[] };
    const tags = manifest.modules.flatMap((m) => (m.declarations ?? []).map((d) => d.tagName)).filter(Boolean);
    assert.ok(tags.includes('ontrack-provider'));
    assert.ok(tags.includes('ontrack-status-grid'));
  });

  it('type-checks a consumer of every entry with NodeNext resolution', () => {
    writeFileSync(
      join(app, 'consumer.ts'),
      `import { defaultPolicy, type TrackingAdapter } from '@ontrack/rules';
import { OnTrackStatusGrid, resolveMessages } from '@ontrack/elements';
import { OnTrackProvider } from '@ontrack/elements/react';
declare const adapter: TrackingAdapter;
declare const grid: OnTrackStatusGrid;
export const used: readonly unknown[] = [defaultPolicy.id, adapter.load, grid.label, resolveMessages('cy').grid.pupil, OnTrackProvider.displayName];
`,
    );
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { noEmit: true, strict: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', skipLibCheck: true, lib: ['es2022', 'dom'], types: [] },
        files: ['consumer.ts'],
      }),
    );
    execFileSync(process.execPath, [join(repo, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', app], { cwd: app, stdio: 'pipe' });
  });

  it('registers the elements and the React wrappers from the installed files in Chromium', async () => {
    const entry = `import * as elements from '@ontrack/elements';
import * as react from '@ontrack/elements/react';
window.__entries = { elements: Object.keys(elements), react: Object.keys(react) };`;
    const result = await build({
      stdin: { contents: entry, resolveDir: app, loader: 'js' },
      absWorkingDir: app,
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      write: false,
      metafile: true,
      define: { 'process.env.NODE_ENV': '"production"' },
      logLevel: 'silent',
    });
    const outside = Object.keys(result.metafile.inputs).filter((f) => f.startsWith('..') && !f.startsWith('<'));
    assert.deepEqual(outside, [], 'every bundled file comes from the clean project');
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.setContent('<!doctype html><title>clean app</title>');
      await page.addScriptTag({ content: result.outputFiles[0]?.text ?? '', type: 'module' });
      await page.waitForFunction(() => 'customElements' in window && customElements.get('ontrack-status-grid') !== undefined);
      const seen = await page.evaluate(() => ({
        provider: customElements.get('ontrack-provider') !== undefined,
        entries: (window as unknown as { __entries: { elements: string[]; react: string[] } }).__entries,
      }));
      assert.equal(seen.provider, true);
      assert.ok(seen.entries.elements.includes('OnTrackStatusGrid'));
      assert.ok(seen.entries.react.includes('OnTrackStatusGrid'));
      assert.ok(seen.entries.react.includes('OnTrackProvider'));
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
    }
  });
});
