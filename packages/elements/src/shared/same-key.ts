/**
 * Whether a memo's key (the inputs it was computed from: data, policy, date, …)
 * is the same, item by item and by identity, as `key`: the elements recompute
 * only when it is not.
 */
export function sameKey(memo: readonly unknown[] | undefined, key: readonly unknown[]): boolean {
  return memo?.length === key.length && memo.every((v, i) => v === key[i]);
}
