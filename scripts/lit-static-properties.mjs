/**
 * Rewrites Lit's standard decorators in an element's TypeScript source into the
 * idiomatic decorator-free form Lit documents (`static properties`,
 * `customElements.define`), before esbuild compiles it.
 *
 * Why: no browser runs standard decorators yet, so esbuild lowers them, and a
 * class with decorators also has every `#private` member lowered to WeakMap
 * helpers. That lowering was a quarter of the grid's minified code. The source
 * keeps the decorators the style guide asks for; the build and the browser
 * tests (web-test-runner runs this same transform) see:
 *
 *   `@customElement('x-y') class X`        → `class X` + `customElements.define('x-y', X);`
 *   `@property(o) accessor a = v;`          → `static get properties()` gets `a: o`; `#_a = void (this.a = v);`
 *   `@state(o) accessor b = v;`             → `b: { ...o, state: true }`, initialised the same way
 *   `@query(s) accessor c: T | null = null` → `get c(): T | null { return this.renderRoot?.querySelector(s) ?? null; }`
 *
 * The initial value goes through Lit's generated setter at the place the field
 * stood, so initialisation order and the first update's changed properties are
 * what the decorators gave. Every line stays on its line (stack traces and
 * source maps still point at the source). Anything else decorated fails the
 * build, so no decorator is ever dropped silently.
 */
import MagicString from 'magic-string';
import ts from 'typescript';

const MEMBER_DECORATORS = new Set(['property', 'state', 'query']);

/** The decorator's call: its name and argument texts; throws on anything but `name(args)`. */
function callOf(decorator, sf, where) {
  const e = decorator.expression;
  if (!ts.isCallExpression(e) || !ts.isIdentifier(e.expression)) throw new Error(`${where}: unsupported decorator ${decorator.getText(sf)}`);
  return { name: e.expression.text, args: e.arguments.map((a) => a.getText(sf)) };
}


/**
 * @param {string} code TypeScript source
 * @param {string} file its path, for error messages
 * @returns {{ code: string, map: import('magic-string').SourceMap } | null} null when the module has no decorators
 */
export function litStaticProperties(code, file) {
  if (!code.includes('@')) return null;
  const sf = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const s = new MagicString(code);
  let changed = false;
  const used = new Set();

  const visit = (node) => {
    if (ts.isClassDeclaration(node) || ts.isClassExpression(node)) rewriteClass(node);
    ts.forEachChild(node, visit);
  };

  const rewriteClass = (cls) => {
    const className = cls.name?.text ?? '(anonymous class)';
    const where = (n) => `${file}:${sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1} (${className})`;
    const props = [];
    for (const member of cls.members) {
      const decorators = ts.getDecorators?.(member) ?? [];
      if (decorators.length === 0) continue;
      if (decorators.length > 1) throw new Error(`${where(member)}: one decorator per member is supported`);
      const isAccessor = ts.isPropertyDeclaration(member) && member.modifiers?.some((m) => m.kind === ts.SyntaxKind.AccessorKeyword);
      const isStatic = member.modifiers?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
      const call = callOf(decorators[0], sf, where(member));
      if (!MEMBER_DECORATORS.has(call.name) || !isAccessor || isStatic || !ts.isIdentifier(member.name)) {
        throw new Error(`${where(member)}: @${call.name} is only rewritten on an instance \`accessor\` with a plain name`);
      }
      used.add(call.name);
      changed = true;
      const name = member.name.text;
      if (call.name === 'query') {
        const [selector] = call.args;
        if (call.args.length !== 1) throw new Error(`${where(member)}: @query(selector) takes exactly the selector here`);
        const keep = (member.modifiers ?? []).filter((m) => m.kind === ts.SyntaxKind.PrivateKeyword || m.kind === ts.SyntaxKind.ProtectedKeyword || m.kind === ts.SyntaxKind.PublicKeyword);
        const type = member.type ? `: ${member.type.getText(sf)}` : '';
        s.overwrite(member.getStart(sf), member.getEnd(), `${keep.map((m) => `${m.getText(sf)} `).join('')}get ${name}()${type} { return this.renderRoot?.querySelector(${selector}) ?? null; }`);
        continue;
      }
      if (call.args.length > 1) throw new Error(`${where(member)}: @${call.name} takes at most one options object`);
      const [options] = call.args;
      props.push(`${name}: ${call.name === 'state' ? `{ ${options ? `...${options}, ` : ''}state: true }` : (options ?? '{}')}`);
      // `= undefined` is what an unset property reads anyway (Lit's decorator records no change for it either).
      const value = member.initializer && !(ts.isIdentifier(member.initializer) && member.initializer.text === 'undefined') ? member.initializer.getText(sf) : undefined;
      const init = value === undefined ? '' : `#_${name} = void (this.${name} = ${value});`;
      s.overwrite(member.getStart(sf), member.getEnd(), init);
    }
    const classDecorators = ts.getDecorators?.(cls) ?? [];
    for (const d of classDecorators) {
      const call = callOf(d, sf, where(cls));
      if (call.name !== 'customElement' || call.args.length !== 1 || !cls.name) throw new Error(`${where(cls)}: only @customElement('tag') on a named class is rewritten`);
      used.add(call.name);
      changed = true;
      s.remove(d.getStart(sf), d.getEnd());
      s.appendLeft(cls.getEnd(), ` customElements.define(${call.args[0]}, ${cls.name.text});`);
    }
    if (props.length > 0) {
      if (cls.members.some((m) => m.name && ts.isIdentifier(m.name) && m.name.text === 'properties' && m.modifiers?.some((x) => x.kind === ts.SyntaxKind.StaticKeyword))) {
        throw new Error(`${where(cls)}: has decorated properties and its own static properties`);
      }
      // A getter, not a static field: no field semantics to lower, and Lit reads it once when the class is finalized.
      s.appendRight(cls.members.pos, ` static get properties() { return { ${props.join(', ')} }; }`);
    }
  };

  visit(sf);
  if (!changed) return null;

  // The decorators' import goes when nothing else from it is left in use.
  for (const stmt of sf.statements) {
    if (!ts.isImportDeclaration(stmt) || !ts.isStringLiteral(stmt.moduleSpecifier) || !/^lit\/decorators(\.js)?$|^@lit\/reactive-element\/decorators/.test(stmt.moduleSpecifier.text)) continue;
    const names = stmt.importClause?.namedBindings && ts.isNamedImports(stmt.importClause.namedBindings) ? stmt.importClause.namedBindings.elements.map((e) => e.name.text) : [];
    const left = names.filter((n) => !used.has(n));
    if (left.length > 0) throw new Error(`${file}: imports ${left.join(', ')} from ${stmt.moduleSpecifier.text}, which this build does not rewrite`);
    s.remove(stmt.getStart(sf), stmt.getEnd());
  }
  return { code: s.toString(), map: s.generateMap({ hires: true, source: file, includeContent: true }) };
}
