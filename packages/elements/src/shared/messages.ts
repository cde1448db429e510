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
};

/** The built-in locales by BCP 47 primary tag. */
export const locales: Readonly<Record<string, Messages>> = { en, cy: welsh() };

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

// ── Welsh (embed) ──────────────────────────────────────────────────────────
// Declared as a hoisted function so `locales` above can hold it.

/** Welsh (Cymraeg). */
export const cy: Messages = welsh();

function welsh(): Messages {
  return {
    grid: {
      pupil: 'Disgybl',
      loading: 'Wrthi’n llwytho disgyblion…',
      loadFailed: (reason) => `Methu llwytho disgyblion: ${reason}`,
      retry: 'Rhowch gynnig arall',
      noData: 'Dim data eto.',
      empty: 'Dim disgyblion yn yr olwg hon.',
      untracked: 'Heb ei olrhain eto',
      unknownLevel: (id) => `Lefel anhysbys ${id}`,
      defaultMark: '(rhagosodedig)',
      defaultTitle: (label) => `${label} (rhagosodedig: heb ei adolygu eto)`,
    },
  };
}
