import { z } from 'zod';
import { ConflictError, type Issue, NetworkError, NotFoundError, OnTrackError, PermissionError, ValidationError } from '../errors.js';
import { judgementSchema, snapshotSchema, type IsoDate, type Snapshot, type TrackingDataset } from '../schema/dataset.js';
import { parseDataset, parseWith } from '../schema/parse.js';
import { newEditId } from './store-rules.js';
import type { ChangeListener, CompleteTrackingAdapter, JudgementInput, Scope, StoredJudgement, TrackingChange } from './tracking-adapter.js';

/** The `fetch` the adapter calls (the global one by default; tests inject faults here). */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** Options for `createHttpAdapter`. */
export interface HttpAdapterOptions {
  /** Where the API lives, e.g. `https://school.example/api` or `/api`. */
  readonly baseUrl: string;
  /** A bearer token, or a function returning the current one; without it the session cookie is used. */
  readonly token?: string | (() => string | undefined);
  readonly fetch?: FetchLike;
  /** Milliseconds before a request is abandoned (default 10 000). */
  readonly timeoutMs?: number;
  /** Retries of an idempotent call after a network failure, timeout or 5xx (default 3). */
  readonly retries?: number;
  /** First backoff in milliseconds, doubled each retry, with jitter (default 250). */
  readonly backoffMs?: number;
  /** Longest wait between SSE reconnects (default 30 000). */
  readonly maxBackoffMs?: number;
  /** `fetch` credentials mode (default `same-origin`, which sends the session cookie). */
  readonly credentials?: RequestCredentials;
  /** Told about problems with the live stream (it keeps reconnecting on its own). */
  readonly onStreamError?: (error: OnTrackError) => void;
  /** Random numbers for the backoff jitter (seeded in tests). */
  readonly random?: () => number;
}

/** The HTTP adapter: a complete `TrackingAdapter`, plus `close()` to stop the live stream. */
export interface HttpAdapter extends CompleteTrackingAdapter {
  /** Stops the live stream and forgets every listener. */
  close(): void;
}

const storedSchema = judgementSchema.extend({ id: z.string().min(1), version: z.number().int().min(1) });
const errorBodySchema = z.object({
  error: z.object({
    code: z.string().optional(),
    message: z.string().optional(),
    issues: z.array(z.object({ path: z.array(z.union([z.string(), z.number()])), code: z.string(), message: z.string() })).optional(),
    current: z.unknown().optional(),
  }),
});

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}

// A function, so the linter does not assume the signal is still as it was before an await.
function isAborted(controller: AbortController): boolean {
  return controller.signal.aborted;
}

function stored(value: unknown, source: string): StoredJudgement {
  return parseWith(storedSchema, value, source);
}

/**
 * A `TrackingAdapter` for the plain REST/JSON API described in
 * `examples/server/README.md`, over `fetch`. Requests time out; idempotent
 * calls (reads, and writes that carry an edit id — every write this adapter
 * sends does) are retried with exponential backoff and jitter; `409` becomes a
 * `ConflictError` carrying the server's current value; answers are validated
 * with the dataset schemas. Live changes arrive over Server-Sent Events, read
 * through `fetch` streaming so that a bearer token can be sent.
 * @example const adapter = createHttpAdapter({ baseUrl: '/api' });
 */
export function createHttpAdapter(options: HttpAdapterOptions): HttpAdapter {
  const base = options.baseUrl.replace(/\/+$/, '');
  const doFetch: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const timeoutMs = options.timeoutMs ?? 10_000;
  const retries = options.retries ?? 3;
  const backoffMs = options.backoffMs ?? 250;
  const maxBackoffMs = options.maxBackoffMs ?? 30_000;
  const random = options.random ?? Math.random;
  const listeners = new Set<ChangeListener>();
  // Ids of judgements already told to listeners: our own writes come back over SSE too.
  const told = new Set<string>();
  let stream: AbortController | undefined;
  let lastEventId: string | undefined;

  function headers(extra: Record<string, string> = {}): Record<string, string> {
    const token = typeof options.token === 'function' ? options.token() : options.token;
    return { Accept: 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}), ...extra };
  }

  function errorFor(status: number, text: string, what: string): OnTrackError {
    let body: z.infer<typeof errorBodySchema>['error'] | undefined;
    try {
      const parsed = errorBodySchema.safeParse(JSON.parse(text));
      if (parsed.success) body = parsed.data.error;
    } catch {
      body = undefined;
    }
    const message = body?.message ?? `${what} failed with HTTP ${String(status)}`;
    if (status === 400 || status === 413 || status === 422) {
      const issues: Issue[] = body?.issues ?? [{ path: [], code: body?.code ?? 'invalid', message }];
      return new ValidationError(what, issues);
    }
    if (status === 401) return new PermissionError(`Not signed in: ${message}`);
    if (status === 403) return new PermissionError(message);
    if (status === 404) return new NotFoundError(message);
    if (status === 409) return new ConflictError(message, body?.current);
    return new NetworkError(`${what} failed with HTTP ${String(status)}: ${message}`);
  }

  /**
   * One call with timeout and, when idempotent, retries. `parse` turns the JSON
   * answer into the result; its failures are thrown as they are.
   */
  async function call<T>(method: string, path: string, body: unknown, idempotent: boolean, parse: (json: unknown) => T): Promise<T> {
    const what = `${method} ${path.split('?')[0] ?? path}`;
    for (let attempt = 0; ; attempt++) {
      const controller = new AbortController();
      const timer = setTimeout(() => {
        controller.abort();
      }, timeoutMs);
      let failure: NetworkError;
      try {
        const init: RequestInit = { method, headers: headers(body === undefined ? {} : { 'Content-Type': 'application/json' }), signal: controller.signal, credentials: options.credentials ?? 'same-origin' };
        if (body !== undefined) init.body = JSON.stringify(body);
        const response = await doFetch(`${base}${path}`, init);
        const text = await response.text();
        if (response.status >= 500 || response.status === 429) {
          failure = new NetworkError(errorFor(response.status, text, what).message);
        } else if (!response.ok) {
          throw errorFor(response.status, text, what);
        } else {
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch (cause) {
            throw new NetworkError(`${what}: the server answered with malformed JSON`, { cause });
          }
          return parse(json);
        }
      } catch (error) {
        if (error instanceof OnTrackError && !(error instanceof NetworkError)) throw error;
        failure =
          error instanceof NetworkError
            ? error
            : controller.signal.aborted
              ? new NetworkError(`${what}: no answer within ${String(timeoutMs)} ms`, { cause: error })
              : new NetworkError(`${what}: could not reach the server`, { cause: error });
      } finally {
        clearTimeout(timer);
      }
      if (!idempotent || attempt >= retries) throw failure;
      await sleep(backoffMs * 2 ** attempt * (0.5 + random()));
    }
  }

  function tell(change: TrackingChange): void {
    if (change.type === 'judgement') {
      const id = change.judgement['id'];
      if (typeof id === 'string') {
        if (told.has(id)) return;
        told.add(id);
        // Remember the recent ones only: an echo arrives within moments of the write.
        if (told.size > 10_000) told.delete(told.values().next().value ?? '');
      }
    }
    for (const listener of [...listeners]) listener(change);
  }

  // A write's answer is what the server stored; an unusable answer may hide a
  // stored write, so it is a NetworkError (retry: the edit id makes that safe).
  function parseStored(json: unknown, what: string): StoredJudgement {
    try {
      return stored((json as { judgement?: unknown } | null)?.judgement, `${what} answer`);
    } catch (cause) {
      throw new NetworkError(`${what}: the server's answer is not a stored judgement`, { cause });
    }
  }

  function handleEvent(block: string): void {
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
      else if (field === 'id') lastEventId = value;
    }
    if (data.length === 0) return;
    try {
      const json: unknown = JSON.parse(data.join('\n'));
      if (event === 'judgement') tell({ type: 'judgement', judgement: stored(json, 'live judgement') });
      else if (event === 'snapshot') tell({ type: 'snapshot', snapshot: parseWith(snapshotSchema, json, 'live snapshot') });
    } catch (error) {
      options.onStreamError?.(error instanceof OnTrackError ? error : new NetworkError('The live stream sent malformed JSON', { cause: error }));
    }
  }

  async function listen(controller: AbortController): Promise<void> {
    let delay = backoffMs;
    while (!controller.signal.aborted) {
      try {
        const response = await doFetch(`${base}/events`, {
          headers: headers({ Accept: 'text/event-stream', ...(lastEventId ? { 'Last-Event-ID': lastEventId } : {}) }),
          signal: controller.signal,
          credentials: options.credentials ?? 'same-origin',
        });
        if (!response.ok || !response.body) throw errorFor(response.status, await response.text(), 'GET /events');
        delay = backoffMs;
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value.replace(/\r\n?/g, '\n');
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            handleEvent(buffer.slice(0, end));
            buffer = buffer.slice(end + 2);
          }
        }
      } catch (error) {
        if (isAborted(controller)) return;
        const e = error instanceof OnTrackError ? error : new NetworkError('The live stream was interrupted', { cause: error });
        options.onStreamError?.(e);
        // Signed out or forbidden: reconnecting will not help.
        if (e instanceof PermissionError) return;
      }
      await sleep(delay * (0.5 + random()), controller.signal);
      delay = Math.min(delay * 2, maxBackoffMs);
    }
  }

  function query(scope: Scope): string {
    const params = new URLSearchParams();
    if (scope.schoolId !== undefined) params.set('schoolId', scope.schoolId);
    if (scope.yearGroup !== undefined) params.set('yearGroup', scope.yearGroup);
    if (scope.classId !== undefined) params.set('classId', scope.classId);
    const q = params.toString();
    return q ? `?${q}` : '';
  }

  return {
    load(scope: Scope = {}): Promise<TrackingDataset> {
      return call('GET', `/dataset${query(scope)}`, undefined, true, (json) => parseDataset(json, 'server answer to GET /dataset'));
    },

    async recordJudgement(input: JudgementInput): Promise<StoredJudgement> {
      const body = { ...input, id: input.id ?? newEditId() };
      const judgement = await call('POST', '/judgements', body, true, (json) => parseStored(json, 'POST /judgements'));
      tell({ type: 'judgement', judgement });
      return judgement;
    },

    async recordJudgements(inputs: readonly JudgementInput[]): Promise<StoredJudgement[]> {
      const body = { judgements: inputs.map((i) => ({ ...i, id: i.id ?? newEditId() })) };
      const judgements = await call('POST', '/judgements/batch', body, true, (json) => {
        const list = (json as { judgements?: unknown } | null)?.judgements;
        if (!Array.isArray(list) || list.length !== body.judgements.length) throw new NetworkError('POST /judgements/batch: the answer does not list every judgement');
        return list.map((j: unknown, i) => parseStored({ judgement: j }, `POST /judgements/batch [${String(i)}]`));
      });
      for (const judgement of judgements) tell({ type: 'judgement', judgement });
      return judgements;
    },

    async takeSnapshot(halfTermId: string, date?: IsoDate): Promise<Snapshot> {
      // Not idempotent in general (a retry after a lost answer meets the taken snapshot): no retries.
      const snapshot = await call('POST', '/snapshots', date === undefined ? { halfTermId } : { halfTermId, date }, false, (json) =>
        parseWith(snapshotSchema, (json as { snapshot?: unknown } | null)?.snapshot, 'server answer to POST /snapshots'),
      );
      tell({ type: 'snapshot', snapshot });
      return snapshot;
    },

    subscribe(listener: ChangeListener): () => void {
      listeners.add(listener);
      if (!stream) {
        stream = new AbortController();
        void listen(stream);
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          stream?.abort();
          stream = undefined;
        }
      };
    },

    close(): void {
      listeners.clear();
      stream?.abort();
      stream = undefined;
    },
  };
}
