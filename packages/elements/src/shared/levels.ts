import { orderedLevels, type Level, type TrackingPolicy } from '@ontrack/rules';

/** How a level is drawn: a palette tone and a glyph, so colour is never alone. */
export interface LevelLook {
  readonly level: Level;
  /** 0–6 on the shared palette, spread from concern (0) to challenge (6). */
  readonly tone: number;
  readonly glyph: string;
}

/**
 * Spreads a grade set of 2–7 (or more) levels over the seven palette tones and
 * gives each a glyph: down for concern, up for challenge, a dot in between.
 */
export function levelLooks(policy: Pick<TrackingPolicy, 'levels'>): ReadonlyMap<string, LevelLook> {
  const levels = orderedLevels(policy);
  const n = levels.length;
  const looks = new Map<string, LevelLook>();
  levels.forEach((level, i) => {
    const tone = n === 1 ? 3 : Math.round((i * 6) / (n - 1));
    const glyph = level.concern === true ? '▼' : level.challenge === true ? '▲' : '●';
    looks.set(level.id, { level, tone, glyph });
  });
  return looks;
}
