import { NetworkError, OnTrackError } from '../errors.js';
import type { IsoDate, Judgement, Snapshot, TrackingDataset } from '../schema/dataset.js';
import { newEditId } from './store-rules.js';
import type { ChangeListener, CompleteTrackingAdapter, JudgementInput, Scope, StoredJudgement, TrackingAdapter } from './tracking-adapter.js';

/** A judgement waiting in the queue: its edit id and time are fixed when the teacher makes it. */
export type QueuedJudgement = JudgementInput & { readonly id: string; readonly recordedAt: string };

/** One edit (a judgement, or a bulk change of several) not yet confirmed by the store. */
export interface PendingEdit {
  /** The edit's id; for a single judgement, the judgement's edit id. */
  readonly id: string;
  readonly judgements: readonly QueuedJudgement[];
  /** Sent with `recordJudgements` (all or nothing) rather than `recordJudgement`. */
  readonly bulk: boolean;
  readonly queuedAt: string;
  /** Times it was tried and the store could not be reached. */
  readonly attempts: number;
  /** `pending`: waiting or being sent; `rejected`: the store refused it (see `reason`) and it will not be sent again. */
  readonly state: 'pending' | 'rejected';
  /** Why the last attempt failed, in words. */
  readonly reason?: string;
  /** The error code of that failure (`network`, `conflict`, `permission`, …). */
  readonly code?: string;
  /** For a conflict: the store's current value. */
  readonly current?: unknown;
}

/** Where pending edits are kept between page loads: IndexedDB in browsers, memory or a file in Node. */
export interface QueueStorage {
  load(): Promise<readonly PendingEdit[]>;
  save(edits: readonly PendingEdit[]): Promise<void>;
}

/** Options for `createOfflineQueue`. */
export interface OfflineQueueOptions {
  /** First wait before trying again after the store could not be reached (default 1 000 ms), doubled up to `maxRetryMs`. */
  readonly retryMs?: number;
  readonly maxRetryMs?: number;
  readonly now?: () => Date;
  /** Random numbers for the retry jitter (seeded in tests). */
  readonly random?: () => number;
}

/** A `TrackingAdapter` that keeps edits safe while the store is unreachable. */
export interface OfflineQueue extends CompleteTrackingAdapter {
  /** Resolves once the stored queue has been read (and sending has started). */
  readonly ready: Promise<void>;
  /** Edits not yet saved, oldest first, including refused ones until discarded. */
  pending(): readonly PendingEdit[];
  /** Called with the pending edits whenever they change; returns the function that stops listening. */
  onPendingChange(listener: (edits: readonly PendingEdit[]) => void): () => void;
  /** Tries to send everything now; resolves when the queue is empty or the store is unreachable again. */
  flush(): Promise<void>;
  /** Drops a refused edit once the user has seen why. */
  discard(id: string): Promise<void>;
  /** Stops retrying (the queue stays in storage). */
  close(): void;
}

/** Keeps pending edits in memory (tests; pages that accept losing them on reload). */
export function memoryQueueStorage(initial: readonly PendingEdit[] = []): QueueStorage {
  let saved = structuredClone(initial);
  return {
    load: () => Promise.resolve(structuredClone(saved)),
    save(edits) {
      // Edits are never changed in place (the queue replaces them), so a shallow copy is a faithful snapshot.
      saved = edits.slice();
      return Promise.resolve();
    },
  };
}

/**
 * Keeps pending edits in IndexedDB so that they survive a page reload. Only
 * usable where `indexedDB` exists (browsers); elsewhere every call rejects.
 */
export function indexedDbQueueStorage(name = 'ontrack-pending-edits'): QueueStorage {
  const factory = (globalThis as { indexedDB?: IDBFactory }).indexedDB;
  let db: Promise<IDBDatabase> | undefined;
  function open(): Promise<IDBDatabase> {
    if (!factory) return Promise.reject(new NetworkError('IndexedDB is not available here'));
    db ??= new Promise<IDBDatabase>((resolve, reject) => {
      const request = factory.open(name, 1);
      request.onupgradeneeded = () => request.result.createObjectStore('queue');
      request.onsuccess = () => {
        resolve(request.result);
      };
      request.onerror = () => {
        reject(new NetworkError(`IndexedDB "${name}" could not be opened`, { cause: request.error }));
      };
    });
    return db;
  }
  function run<T>(mode: IDBTransactionMode, act: (store: IDBObjectStore) => IDBRequest): Promise<T> {
    return open().then(
      (database) =>
        new Promise<T>((resolve, reject) => {
          const tx = database.transaction('queue', mode);
          const request = act(tx.objectStore('queue'));
          tx.oncomplete = () => {
            resolve(request.result as T);
          };
          tx.onerror = () => {
            reject(new NetworkError('IndexedDB failed', { cause: tx.error }));
          };
        }),
    );
  }
  return {
    async load() {
      const value = await run<PendingEdit[] | undefined>('readonly', (s) => s.get('edits'));
      return value ?? [];
    },
    async save(edits) {
      await run('readwrite', (s) => s.put(structuredClone(edits), 'edits'));
    },
  };
}

interface Waiter {
  resolve(value: StoredJudgement[]): void;
  reject(error: Error): void;
}

/**
 * Wraps an adapter so that no edit is lost while the store is unreachable.
 * Each edit gets a client-generated id and its time, is written to `storage`
 * before it is sent, and stays there until the store confirms it; edits are
 * sent one at a time, in the order they were made. When the store cannot be
 * reached the edit stays pending and is retried with backoff (and on the
 * browser's `online` event); the promise `recordJudgement` returned settles
 * when it is finally saved. When the store refuses it (invalid, conflict,
 * permission) it is marked `rejected` with the reason, the promise rejects, and
 * it stays visible in `pending()` until discarded. The store keeps one
 * judgement per edit id, so an edit sent again after a lost answer is never
 * written twice.
 * @example const queue = createOfflineQueue(createHttpAdapter({ baseUrl: '/api' }), indexedDbQueueStorage());
 */
export function createOfflineQueue(adapter: TrackingAdapter, storage: QueueStorage, options: OfflineQueueOptions = {}): OfflineQueue {
  const now = options.now ?? ((): Date => new Date());
  const random = options.random ?? Math.random;
  const retryMs = options.retryMs ?? 1000;
  const maxRetryMs = options.maxRetryMs ?? 60_000;
  let edits: PendingEdit[] = [];
  const waiters = new Map<string, Waiter>();
  const pendingListeners = new Set<(edits: readonly PendingEdit[]) => void>();
  let flushing: Promise<void> | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let delay = retryMs;
  let closed = false;
  // Storage writes happen one after another, in order.
  let saving: Promise<void> = Promise.resolve();

  function save(): Promise<void> {
    const copy = edits.slice();
    saving = saving.then(() => storage.save(copy));
    return saving;
  }

  function notify(): void {
    const copy = edits.slice();
    for (const listener of [...pendingListeners]) listener(copy);
  }

  function replace(id: string, change: Partial<PendingEdit>): void {
    edits = edits.map((e) => (e.id === id ? { ...e, ...change } : e));
  }

  function schedule(): void {
    if (closed || timer) return;
    const wait = Math.min(delay, maxRetryMs) * (0.5 + random());
    delay = Math.min(delay * 2, maxRetryMs);
    timer = setTimeout(() => {
      timer = undefined;
      void flush();
    }, wait);
  }

  async function send(edit: PendingEdit): Promise<StoredJudgement[]> {
    if (edit.bulk) {
      if (!adapter.recordJudgements) throw new OnTrackError('unsupported', 'This adapter cannot record judgements in bulk');
      return (await adapter.recordJudgements(edit.judgements)) as StoredJudgement[];
    }
    const [only] = edit.judgements;
    if (!only) return [];
    return [(await adapter.recordJudgement(only)) as StoredJudgement];
  }

  async function drain(): Promise<void> {
    for (;;) {
      if (closed) return;
      const edit = edits.find((e) => e.state === 'pending');
      if (!edit) return;
      try {
        const stored = await send(edit);
        edits = edits.filter((e) => e.id !== edit.id);
        delay = retryMs;
        await save();
        notify();
        waiters.get(edit.id)?.resolve(stored);
        waiters.delete(edit.id);
      } catch (error) {
        const e = error instanceof Error ? error : new Error(String(error));
        const code = e instanceof OnTrackError ? e.code : 'network';
        if (code === 'network') {
          // Unreachable (or an answer we could not use): keep it, in place, and try again later.
          replace(edit.id, { attempts: edit.attempts + 1, reason: e.message, code });
          await save();
          notify();
          schedule();
          return;
        }
        const current = (e as { current?: unknown }).current;
        replace(edit.id, { state: 'rejected', reason: e.message, code, ...(current === undefined ? {} : { current }) });
        await save();
        notify();
        waiters.get(edit.id)?.reject(e);
        waiters.delete(edit.id);
      }
    }
  }

  function flush(): Promise<void> {
    if (timer) {
      clearTimeout(timer);
      timer = undefined;
    }
    flushing ??= drain().finally(() => {
      flushing = undefined;
    });
    return flushing;
  }

  const ready = storage.load().then((stored) => {
    edits = [...stored, ...edits];
    notify();
    void flush();
  });

  const online = (): void => void flush();
  const events = globalThis as { addEventListener?: (type: string, listener: () => void) => void; removeEventListener?: (type: string, listener: () => void) => void };
  events.addEventListener?.('online', online);

  async function enqueue(inputs: readonly JudgementInput[], bulk: boolean): Promise<StoredJudgement[]> {
    await ready;
    const at = now().toISOString();
    const judgements = inputs.map((i) => ({ ...i, id: i.id ?? newEditId(), recordedAt: i.recordedAt ?? at }));
    const id = bulk ? newEditId() : (judgements[0]?.id ?? newEditId());
    const edit: PendingEdit = { id, judgements, bulk, queuedAt: at, attempts: 0, state: 'pending' };
    edits = [...edits, edit];
    const result = new Promise<StoredJudgement[]>((resolve, reject) => waiters.set(id, { resolve, reject }));
    // Written to storage before it is sent: a reload now still has it.
    await save();
    notify();
    void flush();
    return result;
  }

  return {
    ready,
    async load(scope?: Scope): Promise<TrackingDataset> {
      const data = await adapter.load(scope);
      const pupils = new Set(data.pupils.map((p) => p.id));
      const known = new Set(data.judgements.map((d) => d['id']));
      const waiting: Judgement[] = edits
        .filter((e) => e.state === 'pending')
        .flatMap((e): QueuedJudgement[] => [...e.judgements])
        .filter((j) => pupils.has(j.pupilId) && !known.has(j.id))
        .map((j) => {
          const copy: Record<string, unknown> = { ...j, pending: true };
          delete copy['expectedVersion'];
          return copy as Judgement;
        });
      return { ...data, judgements: [...data.judgements, ...waiting] };
    },
    async recordJudgement(input: JudgementInput): Promise<StoredJudgement> {
      const [stored] = await enqueue([input], false);
      if (!stored) throw new OnTrackError('unsupported', 'The store answered with nothing');
      return stored;
    },
    recordJudgements(inputs: readonly JudgementInput[]): Promise<StoredJudgement[]> {
      return enqueue(inputs, true);
    },
    takeSnapshot(halfTermId: string, date?: IsoDate): Promise<Snapshot> {
      if (!adapter.takeSnapshot) return Promise.reject(new OnTrackError('unsupported', 'This adapter cannot take snapshots'));
      return adapter.takeSnapshot(halfTermId, date);
    },
    subscribe(listener: ChangeListener): () => void {
      return adapter.subscribe(listener);
    },
    pending: () => edits.slice(),
    onPendingChange(listener) {
      pendingListeners.add(listener);
      return () => pendingListeners.delete(listener);
    },
    flush,
    async discard(id: string): Promise<void> {
      edits = edits.filter((e) => !(e.id === id && e.state === 'rejected'));
      await save();
      notify();
    },
    close(): void {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      events.removeEventListener?.('online', online);
    },
  };
}
