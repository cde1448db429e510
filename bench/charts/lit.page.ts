// The Lit floor every Lit component pays: LitElement, templates, css, and reactive
// properties — declared as our elements ship them (the build rewrites Lit's
// decorators as `static properties`, scripts/lit-static-properties.mjs), so the
// floor holds exactly the Lit our bundles hold.
import { LitElement, css, html, nothing, svg, type TemplateResult } from 'lit';

export class LitFloor extends LitElement {
  static override properties = { label: {}, on: { state: true } };
  static override styles = css`:host { display: block; }`;
  declare label: string;
  declare on: boolean;
  constructor() {
    super();
    this.label = '';
    this.on = false;
  }
  protected override render(): TemplateResult {
    return html`${this.on ? nothing : svg`<g></g>`}${this.label}`;
  }
}
customElements.define('lit-floor', LitFloor);
