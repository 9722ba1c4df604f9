import { runResumable, ResumablePlan } from './run-resumable';
import type { ResumableState } from './state-file';

type Id = 'a' | 'b' | 'c' | 'd';

describe('runResumable', () => {
  const now = () => new Date('2025-01-02T03:04:05Z');
  function plan(state: ResumableState<Id>, fail?: Id, extra: Partial<ResumablePlan<Id>> = {}) {
    const ran: Id[] = [];
    const saves: string[] = [];
    const p: ResumablePlan<Id> = {
      steps: (['a', 'b', 'c', 'd'] as const).map((id) => ({
        id,
        run: async () => {
          ran.push(id);
          if (id === fail) throw new Error(`@mlws/nx: ${id} went wrong`);
        },
      })),
      state,
      keepFrom: 'b',
      save: () => saves.push(state.done.join(',')),
      now,
      ...extra,
    };
    return { p, ran, saves };
  }

  it('runs every step in order, saving from the kept step on', async () => {
    const { p, ran, saves } = plan({ done: [] });
    expect(await runResumable(p)).toEqual({ kind: 'complete' });
    expect(ran).toEqual(['a', 'b', 'c', 'd']);
    // not before b; before b (so a crash during b is seen), then before and after each step
    expect(saves).toEqual(['a', 'a,b', 'a,b', 'a,b,c', 'a,b,c', 'a,b,c,d']);
  });

  it('a failure before anything is kept asks for a rollback and saves nothing', async () => {
    const { p, saves } = plan({ done: [] }, 'a');
    expect(await runResumable(p)).toEqual({ kind: 'roll-back', at: 'a', message: 'a went wrong' });
    expect(saves).toEqual([]);
  });

  it('a failure after is recorded in the state for the resume, which starts at the failed step', async () => {
    const state: ResumableState<Id> = { done: [] };
    const first = plan(state, 'c');
    expect(await runResumable(first.p)).toEqual({ kind: 'stopped', at: 'c', message: 'c went wrong' });
    expect(state).toEqual({
      done: ['a', 'b'],
      failed: { step: 'c', message: 'c went wrong', at: now().toISOString() },
    });

    const resumed = plan(state);
    expect(await runResumable(resumed.p)).toEqual({ kind: 'complete' });
    expect(resumed.ran).toEqual(['c', 'd']);
    expect(state.failed).toBeUndefined();
  });

  it('pauses before a step when asked, with the state saved', async () => {
    const { p, ran, saves } = plan({ done: [] }, undefined, { pauseBefore: (id) => id === 'c' });
    expect(await runResumable(p)).toEqual({ kind: 'paused', at: 'c' });
    expect(ran).toEqual(['a', 'b']);
    expect(saves[saves.length - 1]).toBe('a,b');
  });
});
