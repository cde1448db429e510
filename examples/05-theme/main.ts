import { createMemoryAdapter, generateSchool, todayUtc } from '@ontrack/rules';
import '@ontrack/elements';

const DATE = todayUtc();
const provider = document.querySelector('ontrack-provider');
if (provider) {
  provider.date = DATE;
  provider.adapter = createMemoryAdapter(generateSchool({ seed: 1, pupils: 30, through: DATE }));
  provider.addEventListener('ontrack-load', (event) => {
    const state = document.querySelector('#state');
    if (state) state.textContent = `Loaded: ${event.detail.status}`;
  });
}
