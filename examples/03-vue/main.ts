import { createApp, defineComponent, h, ref, shallowRef, type VNode } from 'vue';
import { createMemoryAdapter, generateSchool, todayUtc } from '@ontrack/rules';
import '@ontrack/elements';

const DATE = todayUtc();

/**
 * A Vue 3 page around OnTrack's custom elements. Render functions need no
 * template compiler, so the page runs under a strict CSP (no 'unsafe-eval').
 * Vue sets `adapter` and `date` as element properties (they exist on the
 * element) and `onOntrack-load` listens to the `ontrack-load` event — in a
 * template: `<ontrack-provider :adapter="adapter" :date="date" @ontrack-load="…">`.
 */
const App = defineComponent({
  name: 'OnTrackVueExample',
  setup() {
    // shallowRef: Vue must not wrap the adapter (or datasets) in reactive proxies.
    const adapter = shallowRef(createMemoryAdapter(generateSchool({ seed: 1, pupils: 30, through: DATE })));
    const date = ref(DATE);
    const loaded = ref('Loading…');
    return (): VNode =>
      h('main', [
        h('h1', 'Year 4 progress'),
        h('p', { role: 'status' }, loaded.value),
        h('label', [
          'Evaluate on ',
          // v-model on the date: the provider re-evaluates every element when it changes.
          h('input', { type: 'date', value: date.value, onInput: (e: Event) => { date.value = (e.target as HTMLInputElement).value; } }),
        ]),
        h(
          'ontrack-provider',
          {
            adapter: adapter.value,
            date: date.value,
            'onOntrack-load': (e: CustomEvent<{ status: string }>) => { loaded.value = `Loaded: ${e.detail.status}`; },
          },
          [h('ontrack-status-grid', { label: 'Year 4: pupil progress' })],
        ),
      ]);
  },
});

createApp(App).mount('#app');
