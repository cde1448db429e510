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
    readonly noMatch: string;
    readonly untracked: string;
    readonly unknownLevel: (id: string) => string;
    readonly defaultMark: string;
    readonly defaultTitle: (label: string) => string;
    // Toolbar: search, filters, sort, density, undo.
    readonly toolbar: string;
    readonly search: string;
    readonly group: string;
    readonly anyGroup: string;
    readonly classLabel: string;
    readonly anyClass: string;
    readonly level: string;
    readonly anyLevel: string;
    readonly onlyConcerns: string;
    readonly onlyDefaults: string;
    readonly sort: string;
    readonly sortNone: string;
    readonly sortName: string;
    readonly sortConcerns: string;
    readonly sortSubject: (subject: string) => string;
    readonly compact: string;
    readonly undo: string;
    readonly showing: (shown: number, total: number) => string;
    // Row header: attribute badges and counts.
    readonly badges: {
      readonly sendSupport: readonly [short: string, name: string];
      readonly ehcp: readonly [short: string, name: string];
      readonly pupilPremium: readonly [short: string, name: string];
      readonly fsm: readonly [short: string, name: string];
      readonly eal: readonly [short: string, name: string];
      readonly lookedAfter: readonly [short: string, name: string];
    };
    readonly concerns: (n: number) => string;
    // Summary row.
    readonly summary: string;
    readonly summaryOf: (pupils: number) => string;
    readonly summaryCell: (label: string, percent: number) => string;
    // Editing.
    readonly readOnly: string;
    readonly pending: string;
    readonly saved: (pupil: string, subject: string, level: string) => string;
    readonly savedMany: (n: number, level: string) => string;
    readonly failed: (reason: string) => string;
    readonly rolledBack: (pupil: string, subject: string, reason: string, restored: string) => string;
    readonly vetoed: (pupil: string, subject: string) => string;
    readonly notEditable: string;
    readonly undone: (n: number) => string;
    readonly nothingToUndo: string;
    readonly menuTitle: (pupil: string, subject: string) => string;
    readonly menuTitleMany: (n: number) => string;
    readonly note: string;
    /** A cell's note, read after its status. */
    readonly noteSaid: (note: string) => string;
    readonly save: string;
    readonly cancel: string;
    readonly selected: (n: number) => string;
    // Interventions.
    readonly interventions: (n: number) => string;
    readonly interventionsTitle: (pupil: string, subject: string | undefined) => string;
    readonly action: string;
    readonly notify: string;
    readonly because: string;
    readonly close: string;
    readonly priority: (p: number) => string;
    /** A readable name for a rule fact (`attendance` → "attendance"); the fact id when unknown. */
    readonly facts: Readonly<Record<string, string>>;
    /** One condition in words: "attendance is 86.5 %, under 90 %". */
    readonly condition: (fact: string, operator: string, value: string, factValue: string) => string;
    /** A yes/no fact in words: "below track", "not looked after". */
    readonly flag: (fact: string, on: boolean) => string;
    readonly yes: string;
    readonly no: string;
    readonly none: string;
    readonly keyHelp: string;
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

const operators: Readonly<Record<string, string>> = {
  lessThan: 'under',
  lessThanInclusive: 'at most',
  greaterThan: 'over',
  greaterThanInclusive: 'at least',
  notEqual: 'not',
  notIn: 'not one of',
  in: 'one of',
  equal: '',
  contains: 'including',
  doesNotContain: 'not including',
};

/* Each section is its own object, so an element's bundle holds only its own words (see `sectionWords`). */
const enGrid: Messages['grid'] = {
  pupil: 'Pupil',
  loading: 'Loading pupils…',
  loadFailed: (reason) => `Could not load pupils: ${reason}`,
  retry: 'Try again',
  noData: 'No data yet.',
  empty: 'No pupils in this view.',
  noMatch: 'No pupils match these filters.',
  untracked: 'Not yet tracked',
  unknownLevel: (id) => `Unknown level ${id}`,
  defaultMark: '(default)',
  defaultTitle: (label) => `${label} (default: not yet reviewed)`,
  toolbar: 'Filter and sort pupils',
  search: 'Search names',
  group: 'Group',
  anyGroup: 'All groups',
  classLabel: 'Class',
  anyClass: 'All classes',
  level: 'Level',
  anyLevel: 'Any level',
  onlyConcerns: 'Only concerns',
  onlyDefaults: 'Only unreviewed defaults',
  sort: 'Sort by',
  sortNone: 'As given',
  sortName: 'Name',
  sortConcerns: 'Number of concerns',
  sortSubject: (subject) => `${subject} status`,
  compact: 'Compact',
  undo: 'Undo last change',
  showing: (shown, total) => `Showing ${shown} of ${total} pupils`,
  badges: {
    sendSupport: ['SEN', 'SEN support'],
    ehcp: ['EHCP', 'education, health and care plan'],
    pupilPremium: ['PP', 'pupil premium'],
    fsm: ['FSM', 'free school meals'],
    eal: ['EAL', 'English as an additional language'],
    lookedAfter: ['LAC', 'looked after'],
  },
  concerns: (n) => (n === 1 ? '1 subject below track' : `${n} subjects below track`),
  summary: 'Summary',
  summaryOf: (pupils) => `All shown (${pupils})`,
  summaryCell: (label, percent) => `${label} ${percent}%`,
  readOnly: 'Read only',
  pending: 'saving…',
  saved: (pupil, subject, level) => `Saved: ${pupil}, ${subject}, ${level}.`,
  savedMany: (n, level) => `Saved ${n} cells as ${level}.`,
  failed: (reason) => `Not saved: ${reason}`,
  rolledBack: (pupil, subject, reason, restored) => `Not saved: ${pupil}, ${subject}: ${reason}. Back to ${restored}.`,
  vetoed: (pupil, subject) => `Not changed: ${pupil}, ${subject} (not allowed here).`,
  notEditable: 'You cannot change this cell.',
  undone: (n) => (n === 1 ? 'Undid the last change.' : `Undid the last change (${n} cells).`),
  nothingToUndo: 'Nothing to undo.',
  menuTitle: (pupil, subject) => `Set ${subject} for ${pupil}`,
  menuTitleMany: (n) => `Set ${n} cells`,
  note: 'Note (optional)',
  noteSaid: (note) => `, note: ${note}`,
  save: 'Save',
  cancel: 'Cancel',
  selected: (n) => `${n} cells selected`,
  interventions: (n) => (n === 1 ? '1 intervention' : `${n} interventions`),
  interventionsTitle: (pupil, subject) => (subject ? `Why ${pupil} is flagged in ${subject}` : `Why ${pupil} is flagged`),
  action: 'Action',
  notify: 'Who is told',
  because: 'Because',
  close: 'Close',
  priority: (p) => (p <= 1 ? 'urgent' : `priority ${p}`),
  facts: {
    status: 'status',
    source: 'source',
    rank: 'rank',
    concern: 'below track',
    challenge: 'above track',
    concernStreak: 'snapshots in a row below track',
    rankChange: 'change since the last snapshot',
    suggested: 'the evidence suggests',
    concernSubjects: 'subjects below track',
    send: 'SEND',
    pupilPremium: 'pupil premium',
    fsm: 'free school meals',
    eal: 'EAL',
    gender: 'gender',
    lookedAfter: 'looked after',
    attendance: 'attendance',
    yearGroup: 'year group',
    classId: 'class',
    subjectId: 'subject',
    live: 'tracking is live',
    weeksSinceRecorded: 'weeks since anything was recorded',
  },
  condition: (fact, operator, value, factValue) => {
    const op = operators[operator] ?? operator;
    if (operator === 'equal') return `${fact} is ${factValue}`;
    return `${fact} is ${factValue}, ${op} ${value}`;
  },
  flag: (fact, on) => (on ? fact : `not ${fact}`),
  yes: 'yes',
  no: 'no',
  none: 'none',
  keyHelp:
    'Arrows move; a letter sets a level; Enter or F2 opens the level menu; Shift+arrows select a range; Ctrl+Space selects a column; Space shows why a pupil is flagged; Ctrl+Z undoes.',
};

const enGauge: Messages['gauge'] = {
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
};

const enTrend: Messages['trend'] = {
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
};

/** English (the default). */
export const en: Messages = { grid: enGrid, gauge: enGauge, trend: enTrend };

/**
 * The registered locales by BCP 47 primary tag: English always; others once
 * registered (`import '@ontrack/elements/locales/cy.js'` registers Welsh, and
 * the package's main entry does so itself).
 */
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

/** One section's registered words by BCP 47 primary tag (the sections of `locales`). */
type SectionLocales<S extends keyof Messages> = Readonly<Record<string, Messages[S]>> & { readonly en: Messages[S] };

/** The grid's words in each registered locale. */
export const gridLocales: SectionLocales<'grid'> = { en: enGrid };
/** The cohort gauge's words in each registered locale. */
export const gaugeLocales: SectionLocales<'gauge'> = { en: enGauge };
/** The trend chart's words in each registered locale. */
export const trendLocales: SectionLocales<'trend'> = { en: enTrend };

/**
 * Makes a locale available to every element: `lang="<tag>"` on any ancestor
 * then picks these words. Register before the elements render (a locale
 * module does it on import). Only the primary tag counts (`cy-GB` → `cy`).
 */
export function registerLocale(tag: string, messages: Messages): void {
  const primary = tag.toLowerCase().split('-')[0] ?? tag;
  if (!/^[a-z]{2,8}$/.test(primary)) throw new TypeError(`registerLocale: "${tag}" is not a BCP 47 language tag`);
  (locales as Record<string, Messages>)[primary] = messages;
  (gridLocales as Record<string, Messages['grid']>)[primary] = messages.grid;
  (gaugeLocales as Record<string, Messages['gauge']>)[primary] = messages.gauge;
  (trendLocales as Record<string, Messages['trend']>)[primary] = messages.trend;
}

/**
 * One section of `resolveMessages(lang, overrides)`: the section's words for a
 * language tag (English when unknown), with a host's overrides of that section.
 * Elements call this with their own section's table, so a page that shows only
 * charts does not ship the grid's words, and the other way round.
 */
export function sectionWords<T extends object>(table: Readonly<Record<string, T>> & { readonly en: T }, lang: string | undefined, overrides?: Partial<T>): T {
  const base = table[(lang ?? 'en').toLowerCase().split('-')[0] ?? 'en'] ?? table.en;
  return overrides ? { ...base, ...overrides } : base;
}
