import { createMemoryAdapter, generateSchool, todayUtc } from '@ontrack/rules';
import '@ontrack/elements';

/** The academic year containing `date`: it starts on 1 September. */
function yearStartFor(date: string): string {
  const year = Number(date.slice(0, 4));
  return date.slice(5) >= '09-01' ? `${year}-09-01` : `${year - 1}-09-01`;
}

const today = todayUtc();
const school = generateSchool({ seed: 2026, pupils: 30, yearStart: yearStartFor(today), through: today });
const provider = document.querySelector('ontrack-provider');
if (provider) {
  provider.date = today;
  provider.adapter = createMemoryAdapter(school);
}
