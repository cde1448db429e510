import { createHttpAdapter, createOfflineQueue, indexedDbQueueStorage, memoryQueueStorage, todayUtc, type CohortFilter, type PendingEdit, type Target } from '@ontrack/rules';
import { createWorkerEvaluator } from '@ontrack/elements';

// The host page: it signs the user in (the session cookie is HttpOnly, so the
// page only learns who is signed in from /api/me) and gives the provider the
// HTTP adapter, wrapped so that edits made offline wait and are sent later.

interface Me {
  readonly id: string;
  readonly name: string;
  readonly role: string;
}

const provider = document.querySelector('ontrack-provider');
const form = document.querySelector<HTMLFormElement>('#sign-in');
const formError = document.querySelector<HTMLElement>('#sign-in-error');
const who = document.querySelector<HTMLElement>('#who');
const whoName = document.querySelector<HTMLElement>('#who-name');
const signOut = document.querySelector<HTMLButtonElement>('#sign-out');
const pendingNote = document.querySelector<HTMLElement>('#pending');

async function me(): Promise<Me | null> {
  const response = await fetch('/api/me', { credentials: 'same-origin' });
  return response.ok ? ((await response.json()) as Me) : null;
}

function describePending(edits: readonly PendingEdit[]): string {
  const waiting = edits.filter((e) => e.state === 'pending').length;
  const refused = edits.filter((e) => e.state === 'rejected');
  const parts: string[] = [];
  if (waiting > 0) parts.push(`${String(waiting)} change${waiting === 1 ? '' : 's'} waiting to be saved (the server cannot be reached; they will be sent when it can).`);
  for (const e of refused) parts.push(`Not saved: ${e.reason ?? 'refused by the server'}`);
  return parts.join(' ');
}

function start(user: Me): void {
  if (form) form.hidden = true;
  if (who && whoName) {
    whoName.textContent = `${user.name} (${user.role})`;
    who.hidden = false;
  }
  if (!provider) return;
  provider.date = todayUtc();
  const storage = typeof indexedDB === 'undefined' ? memoryQueueStorage() : indexedDbQueueStorage(`ontrack-pending-${user.id}`);
  const queue = createOfflineQueue(createHttpAdapter({ baseUrl: '/api' }), storage);
  queue.onPendingChange((edits) => {
    if (pendingNote) pendingNote.textContent = describePending(edits);
  });
  provider.adapter = queue;
  showDashboard();
}

form?.addEventListener('submit', (event) => {
  event.preventDefault();
  const data = new FormData(form);
  void (async () => {
    const response = await fetch('/api/session', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: data.get('username'), password: data.get('password') }),
    });
    if (!response.ok) {
      if (formError) formError.textContent = 'Wrong user name or password.';
      return;
    }
    const user = await me();
    if (user) start(user);
  })();
});

signOut?.addEventListener('click', () => {
  void fetch('/api/session', { method: 'DELETE', credentials: 'same-origin' }).then(() => {
    location.reload();
  });
});

void me().then((user) => {
  if (user) start(user);
  else if (form) form.hidden = false;
});

// ── The leader's dashboard (embed) ─────────────────────────────────────────
// Gauges per group, the trend and the grid all read the provider's data; the
// page's two filters are the provider's filter, so they narrow every one at once.

const TARGET: Target = { label: 'Trust target', atOrAbove: 'on', percent: 85 };

function showDashboard(): void {
  const dashboard = document.querySelector<HTMLElement>('#dashboard');
  if (!provider || !dashboard) return;
  // The engine behind the grid's interventions and its why-popover, in a worker:
  // a trust's evaluation never holds up the page.
  provider.evaluator = createWorkerEvaluator(new Worker('/evaluate-worker.js', { type: 'module' }));
  dashboard.hidden = false;
  for (const gauge of document.querySelectorAll('ontrack-cohort-gauge')) gauge.target = TARGET;
  const trend = document.querySelector('ontrack-trend-chart');
  if (trend) trend.target = TARGET;
  provider.addEventListener('ontrack-load', () => {
    void fillFilters();
  });
  document.querySelector('#filters')?.addEventListener('change', applyFilters);
}

/** Offers the classes and subjects of the data the provider loaded. */
async function fillFilters(): Promise<void> {
  const data = await provider?.adapter?.load(provider.scope);
  if (!data) return;
  const fill = (select: HTMLSelectElement | null, options: readonly (readonly [string, string])[]): void => {
    if (!select || select.options.length > 1) return;
    for (const [value, label] of options) select.add(new Option(label, value));
  };
  fill(document.querySelector<HTMLSelectElement>('#filter-class'), [...new Set(data.pupils.map((p) => p.classId))].sort().map((c) => [c, `Class ${c}`] as const));
  fill(document.querySelector<HTMLSelectElement>('#filter-subject'), data.subjects.map((s) => [s.id, s.name] as const));
}

/** Narrows the gauges, the trend and the grid to the chosen class and subject, through the provider. */
function applyFilters(): void {
  const classId = document.querySelector<HTMLSelectElement>('#filter-class')?.value ?? '';
  const subjectId = document.querySelector<HTMLSelectElement>('#filter-subject')?.value ?? '';
  const filter: CohortFilter = { ...(classId ? { classId } : {}), ...(subjectId ? { subjectId } : {}) };
  if (provider) provider.filter = filter;
  const grid = document.querySelector('ontrack-status-grid');
  // A chosen subject puts its weakest pupils first.
  if (grid) grid.sort = subjectId ? `subject:${subjectId}` : 'name';
}
