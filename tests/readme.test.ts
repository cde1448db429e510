import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { FACTS } from '@ontrack/rules';

const root = fileURLToPath(new URL('..', import.meta.url));
const readme = readFileSync(new URL('../packages/rules/README.md', import.meta.url), 'utf8');

describe('packages/rules/README.md', () => {
  it('opens with an example that runs and prints what its comments say', async () => {
    const code = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    assert.ok(code);
    // Inside the repository so that `@ontrack/rules` resolves as it does for a user.
    const file = `${root}tests/.readme-example-${String(process.pid)}.mts`;
    writeFileSync(file, code);
    try {
      const stdout = await new Promise<string>((resolve, reject) => {
        execFile(process.execPath, ['--import', 'tsx', file], { cwd: root }, (error, out, err) => {
          if (error) reject(new Error(err));
          else resolve(out);
        });
      });
      // Each `// → …` comment is a line the example prints, in order.
      const expected = [...code.matchAll(/\/\/ → (.*)$/gm)].map((m) => m[1] ?? '');
      const printed = stdout.trimEnd().split('\n');
      assert.deepEqual(printed, expected);
    } finally {
      rmSync(file, { force: true });
    }
  });
  it('documents every fact of the catalogue', () => {
    for (const fact of FACTS) assert.ok(readme.includes(`| \`${fact.name}\` |`), fact.name);
  });
});
