import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runResumable } from '../plan/run-resumable';
import { shellJoin } from '../process/shell-quote';
import type { Clients } from '../clients/clients';
import { bumpStep, changesStep, commitStep, nextDevPushStep, nextDevStep, pushStep, tagStep } from './package-steps';
import { stepNumber } from './plan';
import { releaseIo, RunInput, StepContext } from './release-io';
import * as repo from './repo-inspect';
import { githubStep, lockStep, pinStep, rootCommitStep } from './root-steps';
import { isComplete, isDone, removeState, ReleaseState, STEP_TITLES, StepId, STEPS, writeState } from './state';

export { StepError, type RunInput } from './release-io';

export interface RunOutcome {
  success: boolean;
  /** Where it stopped, when it did not complete. */
  stoppedAt?: StepId;
}

const RUN: Record<StepId, (c: StepContext) => Promise<void>> = {
  changes: changesStep,
  bump: bumpStep,
  commit: commitStep,
  tag: tagStep,
  push: pushStep,
  github: githubStep,
  pin: pinStep,
  lock: lockStep,
  'root-commit': rootCommitStep,
  'next-dev': nextDevStep,
  'next-dev-push': nextDevPushStep,
};

/**
 * Runs the steps that are not done, in order, as a resumable plan (plan/run-resumable.ts). Until
 * the release commit exists a failure puts the pyproject back and removes the state (nothing
 * happened); from then on the state file records each finished step, a failure is reported as
 * done / not done, and `--resume` continues.
 */
export async function runRelease(input: RunInput): Promise<RunOutcome> {
  const { root, state: s, deps } = input;
  const say = (step: StepId | undefined, line: string) =>
    deps.log(`@mlws/nx: ${step ? `${stepNumber(step)}/7 ` : ''}${line}`);
  const pkgAbs = repo.abs(root, s.packageRoot);
  const ctx: StepContext = {
    input,
    s,
    io: releaseIo(root, s, deps, say),
    pkgAbs,
    pyprojectAbs: join(pkgAbs, 'pyproject.toml'),
    before: {},
  };
  const outcome = await runResumable<StepId>({
    steps: STEPS.map((id) => ({ id, run: () => RUN[id](ctx) })),
    state: s,
    keepFrom: 'commit',
    save: () => writeState(root, s, deps.now()),
    pauseBefore: (id) => id === 'push' && !s.push,
    now: deps.now,
  });
  switch (outcome.kind) {
    case 'paused':
      reportPause(s, input.resumeCommand, deps);
      return { success: true, stoppedAt: outcome.at };
    case 'roll-back':
      if (ctx.before.pyproject !== undefined) writeFileSync(ctx.pyprojectAbs, ctx.before.pyproject);
      removeState(root, s.project);
      deps.log(
        `@mlws/nx: release of ${s.distribution} ${s.version} failed at step ${stepNumber(outcome.at)} (${outcome.at}): ${outcome.message}`,
      );
      deps.log(
        `@mlws/nx: nothing changed (${s.packageRoot}/pyproject.toml is as it was, nothing was committed): fix the cause and release again`,
      );
      return { success: false, stoppedAt: outcome.at };
    case 'stopped':
      reportStop(s, outcome.at, outcome.message, input.resumeCommand, deps);
      return { success: false, stoppedAt: outcome.at };
  }
  if (isComplete(s)) writeState(root, s, deps.now());
  const parts = [
    `tag ${s.tag} on ${s.remote}`,
    s.githubUrl ? `GitHub ${s.prerelease ? 'pre-release' : 'release'} ${s.githubUrl}` : undefined,
    s.environments.length ? `${s.environments.map((e) => e.name).join(' and ')} pinned` : undefined,
    s.rootCommit ? `root commit ${s.rootCommit.slice(0, 7)} (not pushed: git push when ready)` : undefined,
    s.nextDev ? `${s.packageRoot} is at ${s.nextDev}` : undefined,
  ].filter(Boolean);
  deps.log(`@mlws/nx: released ${s.distribution} ${s.version}: ${parts.join('; ')}`);
  return { success: true };
}

function reportPause(s: ReleaseState, resume: string, deps: Pick<Clients, 'log'>): void {
  deps.log(
    `@mlws/nx: stopped before the push as asked (--push=false): ${s.tag} is on ${s.releaseCommit?.slice(0, 7)} in ${s.packageRoot}, nothing left this machine`,
  );
  deps.log(`@mlws/nx: continue with ${resume} (push, GitHub release, pins, root commit)`);
  const undo = undoCommand(s);
  if (undo) deps.log(`@mlws/nx: or undo it (nothing left this machine): ${undo}`);
}

function reportStop(s: ReleaseState, step: StepId, message: string, resume: string, deps: Pick<Clients, 'log'>): void {
  const done = STEPS.filter((x) => isDone(s, x) && x !== 'changes' && relevant(s, x)).map((x) => STEP_TITLES[x](s));
  const notDone = STEPS.filter((x) => !isDone(s, x) && relevant(s, x)).map((x) => STEP_TITLES[x](s));
  deps.log(
    `@mlws/nx: release of ${s.distribution} ${s.version} stopped at step ${stepNumber(step)} (${step}): ${message}`,
  );
  deps.log(`@mlws/nx: done: ${done.join('; ')}`);
  deps.log(`@mlws/nx: not done: ${notDone.join('; ')}`);
  const skip = step === 'github' ? ` (or ${resume} --github-release=false to finish without the GitHub release)` : '';
  deps.log(
    `@mlws/nx: nothing is lost (progress in ${s.files.dir}/state.json): fix the cause, then run ${resume}${skip}`,
  );
  const undo = undoCommand(s);
  if (undo) deps.log(`@mlws/nx: or undo it (nothing left this machine): ${undo}`);
}

/**
 * The commands that take back a release that stopped before its push: the local tag, the release
 * commit (reset --keep refuses to drop uncommitted work) and the state file. Undefined once the
 * push happened: what reached the remote is finished with --resume, not undone.
 */
export function undoCommand(s: ReleaseState): string | undefined {
  if (isDone(s, 'push') || !isDone(s, 'commit')) return undefined;
  const parts = [
    ...(isDone(s, 'tag') ? [shellJoin(['git', '-C', s.packageRoot, 'tag', '-d', '--', s.tag])] : []),
    shellJoin(['git', '-C', s.packageRoot, 'reset', '--keep', s.packageHead]),
    shellJoin(['rm', `${s.files.dir}/state.json`]),
  ];
  return parts.join(' && ');
}

function relevant(s: ReleaseState, step: StepId): boolean {
  if (step === 'github') return !!s.githubRepository;
  if (step === 'pin') return s.environments.length > 0;
  if (step === 'lock') return s.relock.length > 0;
  if (step === 'next-dev' || step === 'next-dev-push') return !!s.nextDev;
  return true;
}
