import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { redactUrlsIn } from '../model/redact-url';

/**
 * The optional state file of a resumable plan: which steps are done (`done`, by id) and whatever
 * the plan records on the way, so a stopped run continues where it stopped (`--resume`).
 */
export interface ResumableState<Id extends string = string> {
  done: Id[];
  failed?: { step: Id; message: string; at: string };
}

/** `why`: `unknown` for a state of another schema, else why the file cannot be read. */
export type StateFileRead<T> = { ok: true; state?: T } | { ok: false; why: string };

/** Reads a state file; absent is `{ ok: true }`, unreadable or of another `schema` is not ok. */
export function readStateFile<T extends ResumableState>(file: string, schema: number): StateFileRead<T> {
  if (!existsSync(file)) return { ok: true };
  try {
    const state = JSON.parse(readFileSync(file, 'utf8')) as T & { schema?: unknown };
    if (state.schema !== schema || !Array.isArray(state.done)) return { ok: false, why: 'unknown' };
    return { ok: true, state };
  } catch (e) {
    return { ok: false, why: e instanceof Error ? e.message : String(e) };
  }
}

/** Written atomically (temp file + rename): a crash never leaves half a state. No URL in it keeps its credentials. */
export function writeStateFile(file: string, state: object, now = new Date()): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, redactUrlsIn(`${JSON.stringify({ ...state, updatedAt: now.toISOString() }, null, 2)}\n`));
  renameSync(tmp, file);
}

export function removeStateFile(file: string): void {
  rmSync(file, { force: true });
}
