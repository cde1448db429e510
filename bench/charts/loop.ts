/** What one bench page returns: every run's render and update time, and how many points it drew. */
export interface Timing {
  readonly render: number[];
  readonly update: number[];
  readonly points: number;
}

/** One chart library as the loop drives it. */
export interface Drawer<C> {
  /** Creates and draws the chart into the host; resolves once it is drawn. */
  readonly create: (host: HTMLElement) => C | Promise<C>;
  /** Gives the chart the other data set (alternating each run); resolves once redrawn. */
  readonly update: (chart: C, run: number) => void | Promise<void>;
  readonly points: (chart: C) => number;
  readonly dispose?: (chart: C) => void;
}

/**
 * Times `runs` fresh charts in the page's #host, each from creation until it is
 * drawn and laid out (a forced layout, as the browser must do before painting),
 * then one update of it. The same loop for every library, so they do the same work.
 */
export async function timeCharts<C>(runs: number, drawer: Drawer<C>): Promise<Timing> {
  const host = document.getElementById('host') as HTMLElement;
  const render: number[] = [];
  const update: number[] = [];
  let points = 0;
  for (let i = 0; i < runs; i++) {
    host.replaceChildren();
    await new Promise((r) => requestAnimationFrame(r));
    const t0 = performance.now();
    const chart = await drawer.create(host);
    host.getBoundingClientRect();
    render.push(performance.now() - t0);
    points = drawer.points(chart);
    const t1 = performance.now();
    await drawer.update(chart, i);
    host.getBoundingClientRect();
    update.push(performance.now() - t1);
    drawer.dispose?.(chart);
  }
  return { render, update, points };
}
