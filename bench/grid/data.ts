import { generateSchool, type Judgement, type TrackingDataset } from '@ontrack/rules';

/** The date every grid benchmark evaluates at. */
export const BENCH_DATE = '2026-11-16';

const EXTRA_SUBJECTS = [
  ['history', 'History'], ['geography', 'Geography'], ['art', 'Art'], ['music', 'Music'], ['pe', 'PE'], ['computing', 'Computing'],
  ['re', 'RE'], ['french', 'French'],
] as const;

/**
 * A generated school with 12 subjects: the generator's four, plus eight whose
 * judgements are the first four's moved to other pupils, so every column has
 * the same mix of recorded and default statuses.
 */
export function benchSchool(pupils: number, seed = 42): TrackingDataset {
  const base = generateSchool({ seed, pupils, through: BENCH_DATE });
  const ids = base.pupils.map((p) => p.id);
  const index = new Map(ids.map((id, i) => [id, i]));
  const own = base.subjects.map((s) => s.id);
  const extra: Judgement[] = [];
  EXTRA_SUBJECTS.forEach(([id], k) => {
    const from = own[k % own.length];
    for (const j of base.judgements) {
      if (j.subjectId !== from) continue;
      const at = index.get(j.pupilId) ?? 0;
      extra.push({ ...j, subjectId: id, pupilId: ids[(at + 7 * (k + 1)) % ids.length] ?? j.pupilId });
    }
  });
  return {
    ...base,
    subjects: [...base.subjects, ...EXTRA_SUBJECTS.map(([id, name]) => ({ id, name }))],
    judgements: [...base.judgements, ...extra],
  };
}
