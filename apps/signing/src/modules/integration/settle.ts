/**
 * Runs independent look-ups in parallel but reports failures in a fixed order of precedence
 * (the first argument's error wins), so a caller always gets the same error for the same input.
 */
export async function inOrder<T extends readonly unknown[]>(
  ...calls: { [K in keyof T]: Promise<T[K]> }
): Promise<T> {
  const settled = await Promise.allSettled(calls);
  const failed = settled.find((s) => s.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
  return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as unknown as T;
}
