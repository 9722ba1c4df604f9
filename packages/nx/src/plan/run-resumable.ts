import type { ResumableState } from './state-file';

export interface ResumableStep<Id extends string> {
  id: Id;
  run: () => Promise<void>;
}

export interface ResumablePlan<Id extends string> {
  steps: ReadonlyArray<ResumableStep<Id>>;
  /** Done steps are skipped (a resumed run starts at the first that is not done). */
  state: ResumableState<Id>;
  /**
   * The first step whose success is kept: from it on the state is saved before and after each
   * step, and a failure stops for a resume; before it is done, a failure is rolled back.
   */
  keepFrom: Id;
  /** Writes the state file. */
  save: () => void;
  /** Stop (successfully) before this step, as asked (e.g. a release told not to push). */
  pauseBefore?: (id: Id) => boolean;
  now: () => Date;
}

export type ResumableOutcome<Id extends string> =
  | { kind: 'complete' }
  | { kind: 'paused'; at: Id }
  /** Failed before anything was kept: the caller puts back what the steps did and drops the state. */
  | { kind: 'roll-back'; at: Id; message: string }
  /** Failed after: recorded in the state (`failed`) and saved; a resume retries this step. */
  | { kind: 'stopped'; at: Id; message: string };

/** Runs the steps that are not done, in order, saving the state as it goes (see ResumablePlan). */
export async function runResumable<Id extends string>(p: ResumablePlan<Id>): Promise<ResumableOutcome<Id>> {
  const s = p.state;
  const kept = () => s.done.includes(p.keepFrom);
  for (const { id, run } of p.steps) {
    if (s.done.includes(id)) continue;
    if (p.pauseBefore?.(id)) {
      p.save();
      return { kind: 'paused', at: id };
    }
    if (kept() || id === p.keepFrom) p.save();
    try {
      await run();
      s.done.push(id);
      delete s.failed;
      if (kept()) p.save();
    } catch (e) {
      const message = e instanceof Error ? e.message.replace(/^@mlws\/nx:\s*/, '') : String(e);
      if (!kept()) return { kind: 'roll-back', at: id, message };
      s.failed = { step: id, message, at: p.now().toISOString() };
      p.save();
      return { kind: 'stopped', at: id, message };
    }
  }
  return { kind: 'complete' };
}
