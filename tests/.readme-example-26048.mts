import { readFileSync } from 'node:fs';
import { breakdown, groupGap, liveStatuses, resolvePolicy, takeSnapshot, trend, validateDataset } from '@ontrack/rules';

const read = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));
// A trust writes only what it changes; everything else comes from the default policy.
const policy = resolvePolicy({ ruleSettings: { attendanceBelow: 92 } }, 'inline policy');
// Every problem, with its JSON path, or the parsed data file.
const school = validateDataset(read('examples/data/primary-school.json'), policy, 'primary-school.json');
const date = '2027-01-20';

const y4maths = breakdown(school, policy, date, { yearGroup: 'Y4', subjectId: 'maths' });
console.log(y4maths.label, y4maths.percent); // → Y4 × Maths { below: 50, on: 50, above: 0 }

const statuses = liveStatuses(school, policy, date);
const pp = groupGap(statuses, school, policy, date, 'pupil-premium');
console.log(pp.label, pp.points); // → Pupil premium vs others { below: 9.3, on: -2.1, above: -7.1 }

const series = trend(school, policy, { yearGroup: 'Y4', subjectId: 'maths' }, { date, live: true });
console.log(series.points.map((p) => `${p.label}: ${String(p.breakdown.percent?.below)}% below`).join(', '));
// → Autumn 1: 25% below, Autumn 2: 25% below, Now: 50% below

const next = takeSnapshot(school, policy, 'spr1', '2027-02-12'); // a new dataset; `school` is unchanged
console.log(next.snapshots.length); // → 3
