import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import ts from 'typescript';
import { litStaticProperties } from '../scripts/lit-static-properties.mjs';

const sample = `import { LitElement } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';

@customElement('x-sample')
export class Sample extends LitElement {
  #count = 1;
  @property({ type: Number, reflect: true }) accessor size = 2;
  @property() accessor label: string | undefined = undefined;
  @state() private accessor open = false;
  @query('.box') private accessor box: HTMLElement | null = null;
}
`;

/** The decorators left in a TypeScript source. */
function decoratorsIn(code: string): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isDecorator(node)) found.push(node.getText());
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile('x.ts', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS));
  return found;
}

describe('litStaticProperties (the build rewrite of Lit decorators)', () => {
  it('turns the decorators into static properties, ordered initialisers, a query getter and customElements.define', () => {
    const out = litStaticProperties(sample, 'sample.ts');
    assert.ok(out);
    assert.deepEqual(decoratorsIn(out.code), []);
    assert.match(out.code, /static get properties\(\) \{ return \{ size: \{ type: Number, reflect: true \}, label: \{\}, open: \{ state: true \} \}; \}/);
    assert.match(out.code, /#_size = void \(this\.size = 2\);/);
    assert.match(out.code, /#_open = void \(this\.open = false\);/);
    assert.doesNotMatch(out.code, /this\.label =/, 'an undefined initial value needs no assignment');
    assert.match(out.code, /private get box\(\): HTMLElement \| null \{ return this\.renderRoot\?\.querySelector\('\.box'\) \?\? null; \}/);
    assert.match(out.code, /\} customElements\.define\('x-sample', Sample\);/);
    assert.doesNotMatch(out.code, /lit\/decorators/);
    assert.equal(out.code.split('\n').length, sample.split('\n').length, 'every line stays on its line');
  });

  it('leaves a module without decorators alone', () => {
    assert.equal(litStaticProperties('export const a = 1; // @property in a comment', 'a.ts'), null);
  });

  it('refuses what it does not rewrite, naming the file and line', () => {
    const cases: [string, RegExp][] = [
      [`class A { @property() size = 1; }`, /x\.ts:1 \(A\): @property is only rewritten on an instance `accessor`/],
      [`class A { @eventOptions({ passive: true }) onTap() {} }`, /@eventOptions is only rewritten/],
      [`class A { @property() static accessor s = 1; }`, /only rewritten on an instance/],
      [`@customElement('a-b') @other() class A {}`, /only @customElement\('tag'\)/],
      [`class A { @property() @state() accessor a = 1; }`, /one decorator per member/],
      [`class A { static properties = {}; @property() accessor a = 1; }`, /its own static properties/],
      [`import { property, queryAll } from 'lit/decorators.js';\nclass A { @property() accessor a = 1; }`, /imports queryAll from lit\/decorators\.js/],
    ];
    for (const [code, message] of cases) assert.throws(() => litStaticProperties(code, 'x.ts'), message, code);
  });

  it('leaves no decorator in any element module', () => {
    const root = new URL('../packages/elements/src/', import.meta.url);
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    let rewritten = 0;
    for (const f of files) {
      const code = readFileSync(new URL(f, root), 'utf8');
      const out = litStaticProperties(code, f);
      if (out) rewritten++;
      assert.deepEqual(decoratorsIn(out?.code ?? code), [], f);
    }
    assert.ok(rewritten >= 4, `rewrote ${rewritten} modules`);
  });
});
