import { join } from 'node:path';
import { readStateFile, removeStateFile, writeStateFile } from '../plan/state-file';
import type { ReleaseBump } from '../model/pep440';

/**
 * The steps of a release, in order. Everything up to `bump` is undone on failure (nothing is
 * committed yet); from `commit` on, progress is recorded in the state file and `--resume` continues
 * at the first step that is not done.
 */
export const STEPS = [
  'changes',
  'bump',
  'commit',
  'tag',
  'push',
  'github',
  'pin',
  'lock',
  'root-commit',
  'next-dev',
  'next-dev-push',
] as const;
export type StepId = (typeof STEPS)[number];

/** What each step does, for "done:" / "not done:" reports. */
export const STEP_TITLES: Record<StepId, (s: ReleaseState) => string> = {
  changes: (s) => `changes since ${s.since ?? 'the first commit'} written to ${s.files.dir}`,
  bump: (s) => `[project].version ${s.from} → ${s.version} in ${s.packageRoot}/pyproject.toml`,
  commit: (s) => `release commit${s.releaseCommit ? ` ${s.releaseCommit.slice(0, 7)}` : ''} in ${s.packageRoot}`,
  tag: (s) => `annotated tag ${s.tag} in ${s.packageRoot}`,
  push: (s) => `push of ${s.branch} and ${s.tag} to ${s.remote}`,
  github: (s) =>
    s.githubRepository
      ? `GitHub release ${s.tag} on ${s.githubRepository}${s.githubUrl ? ` (${s.githubUrl})` : ''}`
      : 'GitHub release (disabled)',
  pin: (s) =>
    s.environments.length
      ? `${s.environments.map((e) => e.file).join(', ')} pinned to ${s.tag}`
      : 'no environment to pin',
  lock: (s) => (s.relock.length ? `relock: ${s.relock.map((e) => e.lockFile).join(', ')}` : 'no lock to refresh'),
  'root-commit': (s) =>
    `root commit${s.rootCommit ? ` ${s.rootCommit.slice(0, 7)}` : ''} (submodule pointer${s.environments.length ? ', pins' : ''}${s.relock.length ? ', locks' : ''})`,
  'next-dev': (s) =>
    s.nextDev
      ? `next dev cycle ${s.nextDev} committed${s.nextDevCommit ? ` (${s.nextDevCommit.slice(0, 7)})` : ''} in ${s.packageRoot}`
      : 'next dev cycle (not asked)',
  'next-dev-push': (s) => (s.nextDev ? `push of the ${s.nextDev} commit to ${s.remote}` : 'next dev push (not asked)'),
};

export interface EnvironmentPinPlan {
  name: string;
  /** Workspace-relative directory (`staging`). */
  path: string;
  /** Workspace-relative pyproject (`staging/pyproject.toml`). */
  file: string;
}

export interface RelockPlan {
  name: string;
  path: string;
  lockFile: string;
}

export interface ReleaseFiles {
  dir: string;
  changes: string;
  prompt: string;
  notes: string;
  commitMessage: string;
  tagMessage: string;
  rootMessage: string;
  nextDevMessage: string;
}

export function releaseFiles(project: string): ReleaseFiles {
  const dir = releaseDir(project);
  return {
    dir,
    changes: `${dir}/changes.diff`,
    prompt: `${dir}/prompt.md`,
    notes: `${dir}/notes.md`,
    commitMessage: `${dir}/commit-message.txt`,
    tagMessage: `${dir}/tag-message.txt`,
    rootMessage: `${dir}/root-commit-message.txt`,
    nextDevMessage: `${dir}/next-dev-message.txt`,
  };
}

export interface ReleaseState {
  schema: 1;
  project: string;
  distribution: string;
  /** Workspace-relative path of the package (its own git repository, a submodule). */
  packageRoot: string;
  bump: ReleaseBump;
  from: string;
  version: string;
  tag: string;
  since?: string;
  /** The package's HEAD before the release. */
  packageHead: string;
  branch: string;
  /** The remote's branch (`refs/heads/<name>`) the branch is pushed to. */
  remoteBranch: string;
  remote: string;
  remoteUrl: string;
  rootBranch: string;
  prerelease: boolean;
  githubRepository?: string;
  environments: EnvironmentPinPlan[];
  relock: RelockPlan[];
  nextDev?: string;
  push: boolean;
  /** Workspace-relative files of the release (under dist/release/<project>). */
  files: ReleaseFiles;
  releaseCommit?: string;
  rootCommit?: string;
  nextDevCommit?: string;
  githubUrl?: string;
  done: StepId[];
  failed?: { step: StepId; message: string; at: string };
  startedAt: string;
  updatedAt: string;
}

/** `dist/release/<project>`, workspace-relative. */
export function releaseDir(project: string): string {
  return `dist/release/${project}`;
}

export function stateFile(root: string, project: string): string {
  return join(root, releaseDir(project), 'state.json');
}

export type StateRead = { ok: true; state?: ReleaseState } | { ok: false; message: string };

/** The release's state file (the plan engine's state file, schema 1). */
export function readState(root: string, project: string): StateRead {
  const r = readStateFile<ReleaseState>(stateFile(root, project), 1);
  if (r.ok) return r.state ? { ok: true, state: r.state } : { ok: true };
  const file = `${releaseDir(project)}/state.json`;
  return {
    ok: false,
    message:
      r.why === 'unknown'
        ? `${file} is not a release state this version understands`
        : `${file} cannot be read (${r.why})`,
  };
}

/** Written atomically (temp file + rename): a crash never leaves half a state. No URL in it keeps its credentials. */
export function writeState(root: string, state: ReleaseState, now = new Date()): void {
  writeStateFile(stateFile(root, state.project), state, now);
}

export function removeState(root: string, project: string): void {
  removeStateFile(stateFile(root, project));
}

export const isDone = (s: ReleaseState, step: StepId): boolean => s.done.includes(step);
export const isComplete = (s: ReleaseState): boolean => STEPS.every((x) => s.done.includes(x));
