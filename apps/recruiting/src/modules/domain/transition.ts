/**
 * The answer of a status rule in a domain/ folder: the state to move to, or why not (in Chinese,
 * as the caller reads it). Pure data, so the rules are unit-tested without a database.
 */
export type Transition<S extends string> = { ok: true; to: S } | { ok: false; reason: string };
