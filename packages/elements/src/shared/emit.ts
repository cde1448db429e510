/**
 * Dispatches an OnTrack event: a `CustomEvent` that bubbles and crosses shadow
 * roots. Returns false when a listener called `preventDefault()` on a cancelable event.
 */
export function emit<K extends keyof HTMLElementEventMap>(
  target: EventTarget,
  type: K,
  detail: HTMLElementEventMap[K] extends CustomEvent<infer D> ? D : never,
  options: { readonly cancelable?: boolean } = {},
): boolean {
  return target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable: options.cancelable ?? false }));
}
