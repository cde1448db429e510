import { readFile, rename, writeFile } from 'node:fs/promises';
import type { FetchLike, PendingEdit, QueueStorage, SeededRandom } from '../packages/rules/src/index.js';

/** What the network does to one request. */
export type Fault =
  | 'ok'
  | 'refuse' // the server cannot be reached; nothing arrives
  | 'lose-answer' // the server acts, the answer is lost
  | 'error-500' // a proxy answers 500; nothing arrives
  | 'error-500-after' // the server acts, then the answer is replaced by a 500
  | 'hang' // the server acts, the answer never comes (the client times out)
  | 'garbage' // the server acts, the answer is cut-off JSON
  | 'wrong-shape' // the server acts, the answer is JSON of the wrong shape
  | 'restart'; // the server restarts; this request is refused

/** Every fault kind. */
export const FAULTS: readonly Fault[] = ['refuse', 'lose-answer', 'error-500', 'error-500-after', 'hang', 'garbage', 'wrong-shape', 'restart'];

/** Counts of what the faulty network did. */
export type FaultCounts = Record<Fault, number>;

function waitForAbort(signal: AbortSignal | null | undefined): Promise<never> {
  return new Promise((_resolve, reject) => {
    const fail = (): void => {
      reject(new DOMException('The operation was aborted.', 'AbortError'));
    };
    if (signal?.aborted) fail();
    else signal?.addEventListener('abort', fail, { once: true });
  });
}

/**
 * A `fetch` for the adapter that reaches whichever server is current (its URL
 * changes on restart) through a seeded, repeatable schedule of faults.
 */
export function faultyFetch(options: {
  readonly target: () => string;
  readonly schedule: () => Fault;
  readonly restart?: () => Promise<void>;
}): { fetch: FetchLike; counts: FaultCounts; requests: () => number } {
  const counts = Object.fromEntries(['ok', ...FAULTS].map((f) => [f, 0])) as FaultCounts;
  let requests = 0;
  const forward = (input: string, init: RequestInit): Promise<Response> => fetch(input.replace(/^https?:\/\/ontrack\.test/, options.target()), init);
  const doFetch: FetchLike = async (input, init) => {
    requests++;
    const fault = options.schedule();
    counts[fault]++;
    switch (fault) {
      case 'ok':
        return forward(input, init);
      case 'refuse':
        throw new TypeError('fetch failed: connect ECONNREFUSED');
      case 'restart':
        await options.restart?.();
        throw new TypeError('fetch failed: socket hang up');
      case 'error-500':
        return new Response('{"error":{"code":"internal","message":"proxy error"}}', { status: 500 });
      case 'lose-answer':
        await (await forward(input, init)).text();
        throw new TypeError('fetch failed: socket hang up');
      case 'error-500-after':
        await (await forward(input, init)).text();
        return new Response('<html>Bad gateway</html>', { status: 502 });
      case 'hang':
        await (await forward(input, init)).text();
        return waitForAbort(init.signal);
      case 'garbage': {
        const text = await (await forward(input, init)).text();
        return new Response(text.slice(0, Math.max(1, Math.floor(text.length / 2))), { status: 200 });
      }
      case 'wrong-shape':
        await (await forward(input, init)).text();
        return new Response('{"judgement":{"pupilId":42}}', { status: 200 });
    }
  };
  return { fetch: doFetch, counts, requests: () => requests };
}

/** A fault schedule: `ok` with probability `1 - rate`, else a fault drawn from `kinds`. */
export function faultSchedule(random: SeededRandom, rate: number, kinds: readonly Fault[] = FAULTS): () => Fault {
  return () => (random.next() < rate ? random.pick(kinds) : 'ok');
}

/** Keeps pending edits in a JSON file (Node), written atomically. */
export function fileQueueStorage(file: string): QueueStorage {
  return {
    async load() {
      try {
        return JSON.parse(await readFile(file, 'utf8')) as PendingEdit[];
      } catch {
        return [];
      }
    },
    async save(edits) {
      await writeFile(`${file}.tmp`, JSON.stringify(edits));
      await rename(`${file}.tmp`, file);
    },
  };
}
