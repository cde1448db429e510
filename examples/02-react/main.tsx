import { StrictMode, useMemo, useState, type JSX } from 'react';
import { createRoot } from 'react-dom/client';
import { createMemoryAdapter, generateSchool, todayUtc, type TrackingAdapter } from '@ontrack/rules';
import { OnTrackProvider, OnTrackStatusGrid } from '@ontrack/elements/react';

const DATE = todayUtc();

/** A portal page: its own heading and status line around OnTrack's provider and grid. */
function App({ adapter }: { readonly adapter: TrackingAdapter }): JSX.Element {
  const [loaded, setLoaded] = useState('Loading…');
  return (
    <main>
      <h1>Year 4 progress</h1>
      <p role="status">{loaded}</p>
      {/* Props are set as element properties; `onLoad` and `onStatusSaved` are typed event props. */}
      <OnTrackProvider adapter={adapter} date={DATE} onLoad={(event) => { setLoaded(`Loaded: ${event.detail.status}`); }}>
        <OnTrackStatusGrid
          label="Year 4: pupil progress"
          onStatusSaved={(event) => { setLoaded(`Saved: ${event.detail.judgement.status} for pupil ${event.detail.pupilId}`); }}
        />
      </OnTrackProvider>
    </main>
  );
}

/** Creates the adapter once for the page's lifetime. */
function Root(): JSX.Element {
  const adapter = useMemo(() => createMemoryAdapter(generateSchool({ seed: 1, pupils: 30, through: DATE })), []);
  return <App adapter={adapter} />;
}

const container = document.getElementById('root');
if (container) {
  createRoot(container).render(
    <StrictMode>
      <Root />
    </StrictMode>,
  );
}
