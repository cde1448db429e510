/**
 * Helpers shared by the two benchmark pages: wait for the DOM to show
 * something, then for it to be painted.
 */

/** Resolves after the next frame has been rendered (rAF, then the task after it). */
export function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => {
      setTimeout(resolve, 0);
    });
  });
}

/** Resolves as soon as `ready()` holds: first through microtasks (synchronous renderers), then frame by frame. */
export async function until(ready: () => boolean, timeoutMs = 20_000): Promise<void> {
  for (let i = 0; i < 50; i++) {
    if (ready()) return;
    await Promise.resolve();
  }
  const end = performance.now() + timeoutMs;
  while (!ready()) {
    if (performance.now() > end) throw new Error('timed out waiting for the grid');
    await new Promise((r) => requestAnimationFrame(r));
  }
}

/** A container of the same size for both grids. */
export function container(): HTMLElement {
  const box = document.createElement('div');
  box.style.setProperty('width', '1200px');
  box.style.setProperty('height', '512px');
  document.body.append(box);
  return box;
}
