/**
 * Every user-facing word of the elements, one object per locale. Plain objects
 * (not @lit/localize): no build step, no runtime loader, type-checked keys, and a
 * host can override any phrase per element or per provider. Functions take the
 * values they need, so word order can follow the language.
 */
export interface Messages {
  readonly grid: {
    readonly pupil: string;
    readonly loading: string;
    readonly loadFailed: (reason: string) => string;
    readonly retry: string;
    readonly noData: string;
    readonly empty: string;
    readonly untracked: string;
    readonly unknownLevel: (id: string) => string;
    readonly defaultMark: string;
    readonly defaultTitle: (label: string) => string;
  };
  readonly gauge: {
    readonly loading: string;
    readonly loadFailed: (reason: string) => string;
    readonly retry: string;
    readonly noData: string;
    readonly empty: string;
    readonly suppressed: (threshold: number) => string;
    readonly level: string;
    readonly count: string;
    readonly percent: string;
    readonly share: (label: string, count: number, percent: string) => string;
    readonly target: string;
    readonly benchmark: string;
    readonly markerLine: (kind: string, label: string, percent: string, level: string, actual: string, gap: string) => string;
    readonly markerShort: (kind: string, percent: string) => string;
    readonly markerCompact: (kind: string, percent: string, actual: string, gap: string) => string;
    readonly versus: (left: string, right: string) => string;
    readonly gapLine: (level: string, gap: string) => string;
    readonly gapUnavailable: string;
    readonly gap: string;
    readonly points: (n: string) => string;
    readonly showTable: string;
    readonly tableCaption: (label: string) => string;
  };
  readonly trend: {
    readonly loading: string;
    readonly loadFailed: (reason: string) => string;
    readonly retry: string;
    readonly noData: string;
    readonly empty: string;
    readonly live: string;
    readonly suppressed: (threshold: number) => string;
    readonly suppressedShort: string;
    readonly atOrAbove: (level: string) => string;
    readonly point: (series: string, when: string, what: string, value: string, detail: string) => string;
    readonly ofTotal: (count: number, total: number) => string;
    readonly untracked: string;
    readonly target: (label: string, percent: string) => string;
    readonly series: string;
    readonly when: string;
    readonly levelHeader: string;
    readonly showTable: string;
    readonly hideTable: string;
    readonly tableCaption: (label: string) => string;
    readonly keyboardHint: string;
  };
}

/** English (the default). */
export const en: Messages = {
  grid: {
    pupil: 'Pupil',
    loading: 'Loading pupils…',
    loadFailed: (reason) => `Could not load pupils: ${reason}`,
    retry: 'Try again',
    noData: 'No data yet.',
    empty: 'No pupils in this view.',
    untracked: 'Not yet tracked',
    unknownLevel: (id) => `Unknown level ${id}`,
    defaultMark: '(default)',
    defaultTitle: (label) => `${label} (default: not yet reviewed)`,
  },
  gauge: {
    loading: 'Loading figures…',
    loadFailed: (reason) => `Could not load figures: ${reason}`,
    retry: 'Try again',
    noData: 'No data yet.',
    empty: 'No tracked pupils in this cohort yet.',
    suppressed: (threshold) => `Fewer than ${threshold} pupils: figures are hidden so that no child can be identified.`,
    level: 'Level',
    count: 'Pupils',
    percent: 'Share',
    share: (label, count, percent) => `${label}: ${count} (${percent})`,
    target: 'Target',
    benchmark: 'Benchmark',
    markerLine: (kind, label, percent, level, actual, gap) => `${kind} (${label}): ${percent} ${level} or above; now ${actual} (${gap})`,
    markerShort: (kind, percent) => `${kind} ${percent}`,
    markerCompact: (kind, percent, actual, gap) => `${actual} against ${kind.toLowerCase()} ${percent} (${gap})`,
    versus: (left, right) => `${left} compared with ${right}`,
    gapLine: (level, gap) => `${level}: ${gap}`,
    gapUnavailable: 'The gap cannot be shown: one of the groups is too small.',
    gap: 'Gap',
    points: (n) => `${n} pts`,
    showTable: 'Show the figures as a table',
    tableCaption: (label) => `${label}: pupils at each level`,
  },
  trend: {
    loading: 'Loading the trend…',
    loadFailed: (reason) => `Could not load the trend: ${reason}`,
    retry: 'Try again',
    noData: 'No data yet.',
    empty: 'No snapshots or live figures to show yet.',
    live: 'Now',
    suppressed: (threshold) => `hidden: fewer than ${threshold} pupils`,
    suppressedShort: 'hidden',
    atOrAbove: (level) => `${level} or above`,
    point: (series, when, what, value, detail) => `${series}, ${when}: ${[what, value].filter(Boolean).join(' ')}${detail ? ` (${detail})` : ''}`,
    ofTotal: (count, total) => `${count} of ${total}`,
    untracked: 'not tracked',
    target: (label, percent) => `${label}: ${percent}`,
    series: 'Cohort',
    when: 'When',
    levelHeader: 'Level',
    showTable: 'Show table',
    hideTable: 'Hide table',
    tableCaption: (label) => `${label}: figures at each point`,
    keyboardHint: 'Use the arrow keys to move between points.',
  },
};

/** The built-in locales by BCP 47 primary tag. */
export const locales: Readonly<Record<string, Messages>> = { en };

/** A partial override of a locale's messages, section by section. */
export type MessageOverrides = { readonly [S in keyof Messages]?: Partial<Messages[S]> };

/**
 * The messages for a language tag (`cy-GB` → `cy`; English when unknown),
 * with a host's overrides applied.
 */
export function resolveMessages(lang: string | undefined, overrides?: MessageOverrides): Messages {
  const base = locales[(lang ?? 'en').toLowerCase().split('-')[0] ?? 'en'] ?? en;
  if (!overrides) return base;
  const out: Record<string, unknown> = { ...base };
  for (const [section, value] of Object.entries(overrides)) {
    out[section] = { ...(base[section as keyof Messages] as object), ...(value as object) };
  }
  return out as unknown as Messages;
}
