import { evaluate, type EvaluationResult, type Intervention, type TrackingDataset, type TrackingPolicy } from '@ontrack/rules';
import type { Evaluator } from '../provider/provider.js';
import { appendedSince, sharedLiveStatuses } from '../shared/live-statuses.js';
import type { EvaluateRequest, EvaluateResponse } from './protocol.js';

/** An evaluator that runs in a worker; `terminate()` stops the worker. */
export type WorkerEvaluator = Evaluator & { readonly terminate: () => void };

interface Waiting {
  /** New and changed interventions received so far, in order. */
  readonly fresh: Intervention[];
  readonly resolve: (result: EvaluationResult) => void;
  readonly reject: (error: Error) => void;
  readonly dataset: TrackingDataset;
  readonly policy: TrackingPolicy;
  readonly date: string;
}

/** Evaluates on the page's own thread (when the worker cannot) and settles the answer with the result or the engine's error. */
function inPage(w: Omit<Waiting, 'fresh'>): void {
  try {
    w.resolve(evaluate(w.dataset, w.policy, { date: w.date }));
  } catch (error) {
    w.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

/**
 * An evaluator for `<ontrack-provider>` that runs the rules engine in a Web
 * Worker, so evaluating a large trust after each edit never blocks the page.
 * The worker receives the dataset once, then only the judgements each edit
 * appends; it sends back interventions and the summary, and the live statuses
 * come from the page's own incremental copy. If the worker fails (it could not
 * load, say), evaluation continues on the main thread and the failure is logged.
 *
 * @param worker A module worker running `@ontrack/elements/evaluate-worker.js`.
 * @example
 * ```js
 * provider.evaluator = createWorkerEvaluator(
 *   new Worker(new URL('./evaluate-worker.js', import.meta.url), { type: 'module' }),
 * );
 * ```
 */
export function createWorkerEvaluator(worker: Worker): WorkerEvaluator {
  let next = 0;
  // Held strongly: the next dataset is derived from this one, and only that link lets an edit send just its judgement.
  let sent: TrackingDataset | undefined;
  let sentPolicy: TrackingPolicy | undefined;
  let broken: Error | undefined;
  const waiting = new Map<number, Waiting>();

  const fail = (error: Error, log = true): void => {
    broken = error;
    if (log) console.error('ontrack: the evaluation worker failed; evaluating on the main thread from now on', error);
    for (const w of waiting.values()) inPage(w);
    waiting.clear();
  };

  // The interventions of the worker's last answer: `done` refers to them by index.
  let last: readonly Intervention[] = [];

  worker.addEventListener('message', (event: MessageEvent<EvaluateResponse>) => {
    const answer = event.data as Partial<EvaluateResponse> | null;
    const id = answer?.id;
    const w = typeof id === 'number' ? waiting.get(id) : undefined;
    if (!answer || id === undefined || !w) return;
    if (answer.kind === 'part' && Array.isArray(answer.interventions)) {
      for (const item of answer.interventions as readonly Intervention[]) w.fresh.push(item);
      return;
    }
    waiting.delete(id);
    if (answer.kind === 'done' && answer.keep instanceof Int32Array && answer.summary) {
      const interventions: Intervention[] = new Array<Intervention>(answer.keep.length);
      let f = 0;
      for (let i = 0; i < answer.keep.length; i++) {
        const k = answer.keep[i] ?? -1;
        const item = k >= 0 ? last[k] : w.fresh[f++];
        if (!item) {
          w.reject(new Error('the evaluation worker referred to an intervention it never sent'));
          return;
        }
        interventions[i] = item;
      }
      last = interventions;
      w.resolve({ date: w.date, statuses: sharedLiveStatuses(w.dataset, w.policy, w.date), interventions, summary: answer.summary });
    } else if (answer.kind === 'error' && typeof answer.error === 'string') {
      w.reject(new Error(`evaluation failed in the worker: ${answer.error}`));
    } else {
      w.reject(new Error('the evaluation worker sent an answer of the wrong shape'));
    }
  });
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    fail(new Error(`the evaluation worker stopped: ${event.message || 'it could not be loaded'}`));
  });

  const run = (dataset: TrackingDataset, policy: TrackingPolicy, { date }: { readonly date: string }): Promise<EvaluationResult> => {
    return new Promise((resolve, reject) => {
      if (broken) {
        inPage({ resolve, reject, dataset, policy, date });
        return;
      }
      const id = ++next;
      const previous = sent;
      const append = previous && previous !== dataset ? appendedSince(dataset, previous) : undefined;
      const request: EvaluateRequest = {
        id,
        date,
        ...(previous === dataset ? {} : append ? { append } : { dataset }),
        ...(policy === sentPolicy ? {} : { policy }),
      };
      try {
        worker.postMessage(request);
      } catch {
        // A policy or dataset that cannot be copied to a worker: evaluate here.
        inPage({ resolve, reject, dataset, policy, date });
        return;
      }
      sent = dataset;
      sentPolicy = policy;
      waiting.set(id, { fresh: [], resolve, reject, dataset, policy, date });
    });
  };
  return Object.assign(run, {
    terminate: (): void => {
      worker.terminate();
      fail(new Error('terminated'), false);
    },
  });
}
