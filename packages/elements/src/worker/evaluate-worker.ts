// The evaluation worker: runs the rules engine off the page's main thread.
// Shipped bundled (dist/evaluate-worker.js, the engine inside), so a host
// starts it from its own origin with no import map or bundler:
//   new Worker(url, { type: 'module' })  — see createWorkerEvaluator.
import { evaluate, type Intervention, type Judgement, type TrackingDataset, type TrackingPolicy } from '@ontrack/rules';
import { PART_SIZE, interventionKey, sameJson, type EvaluateRequest, type EvaluateResponse } from './protocol.js';

interface WorkerScope {
  postMessage(message: EvaluateResponse, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<EvaluateRequest>) => void): void;
}
const scope = globalThis as unknown as WorkerScope;

let data: (TrackingDataset & { judgements: Judgement[] }) | undefined;
let policy: TrackingPolicy | undefined;
/** The last answer's interventions, by key, with their index in it. */
let previous = new Map<string, { readonly index: number; readonly item: Intervention }>();

scope.addEventListener('message', (event) => {
  const request = event.data;
  try {
    if (request.dataset) {
      data = { ...request.dataset, judgements: [...request.dataset.judgements] };
      previous = new Map();
    }
    if (request.append) {
      if (!data) throw new Error('judgements arrived before any data');
      // This copy is the worker's own: appending in place keeps an edit O(1).
      data.judgements.push(...request.append);
    }
    if (request.policy) policy = request.policy;
    if (!data || !policy) throw new Error('no data or policy to evaluate yet');
    const result = evaluate(data, policy, { date: request.date });
    const keep = new Int32Array(result.interventions.length);
    const next = new Map<string, { readonly index: number; readonly item: Intervention }>();
    let fresh: Intervention[] = [];
    result.interventions.forEach((item, index) => {
      const key = interventionKey(item);
      const before = previous.get(key);
      keep[index] = before && sameJson(before.item, item) ? before.index : -1;
      if (keep[index] === -1) {
        fresh.push(item);
        if (fresh.length === PART_SIZE) {
          scope.postMessage({ id: request.id, kind: 'part', interventions: fresh });
          fresh = [];
        }
      }
      next.set(key, { index, item });
    });
    if (fresh.length > 0) scope.postMessage({ id: request.id, kind: 'part', interventions: fresh });
    previous = next;
    scope.postMessage({ id: request.id, kind: 'done', keep, summary: result.summary }, [keep.buffer]);
  } catch (error) {
    scope.postMessage({ id: request.id, kind: 'error', error: error instanceof Error ? error.message : String(error) });
  }
});
