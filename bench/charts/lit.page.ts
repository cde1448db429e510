// The Lit floor every Lit component pays: LitElement, templates, css, decorators.
import { LitElement, css, html, nothing, svg, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';

@customElement('lit-floor')
export class LitFloor extends LitElement {
  static override styles = css`:host { display: block; }`;
  @property() accessor label = '';
  @state() private accessor on = false;
  protected override render(): TemplateResult {
    return html`${this.on ? nothing : svg`<g></g>`}${this.label}`;
  }
}
