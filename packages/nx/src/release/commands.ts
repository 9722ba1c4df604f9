import { posix } from 'node:path';
import { git, ProcessCommand as Command } from '../plan/command';
import type { ReleaseState } from './state';

/**
 * The exact commands of each release step, as the plan engine's commands (argument arrays). Pure:
 * --dry-run prints them (showCommand), the runner executes them, so what is shown is what runs.
 * `cwd` is workspace-relative (`.` = the root repository).
 */

/** A workspace-relative file as seen from the package directory (`../../dist/release/x/…`). */
function fromPackage(s: Pick<ReleaseState, 'packageRoot'>, file: string): string {
  return posix.relative(s.packageRoot, file);
}

export function logCommand(s: Pick<ReleaseState, 'packageRoot' | 'since'>): Command {
  return git(s.packageRoot, ['log', '--format=%H%x1f%s%x1e', s.since ? `${s.since}..HEAD` : 'HEAD']);
}

/** `emptyTree`: the empty tree's id, the base of the diff of a first release. */
export function diffCommand(s: Pick<ReleaseState, 'packageRoot' | 'since'>, emptyTree?: string): Command {
  return git(s.packageRoot, [
    'diff',
    '--no-color',
    '--no-ext-diff',
    s.since ? `${s.since}..HEAD` : `${emptyTree ?? '<empty tree>'}..HEAD`,
  ]);
}

export function releaseCommitCommand(s: ReleaseState): Command {
  return git(s.packageRoot, [
    'commit',
    '--quiet',
    '--file',
    fromPackage(s, s.files.commitMessage),
    '--',
    'pyproject.toml',
  ]);
}

/** `--` before the names: no tag or remote can be read as an option (they are checked, too: ref-checks.ts). */
export function tagCommand(s: ReleaseState): Command {
  return git(s.packageRoot, [
    'tag',
    '--annotate',
    '--file',
    fromPackage(s, s.files.tagMessage),
    '--',
    s.tag,
    s.releaseCommit ?? 'HEAD',
  ]);
}

/** Branch and tag in one atomic push: both arrive or neither. */
export function pushCommand(s: ReleaseState): Command {
  return git(s.packageRoot, [
    'push',
    '--atomic',
    '--',
    s.remote,
    `refs/heads/${s.branch}:${s.remoteBranch}`,
    `refs/tags/${s.tag}`,
  ]);
}

export function pointerCommand(s: ReleaseState): Command {
  return git('.', ['update-index', '--cacheinfo', `160000,${s.releaseCommit ?? '<release commit>'},${s.packageRoot}`]);
}

/** The root files the release wrote (pins and locks), in a stable order. */
export function rootFiles(s: Pick<ReleaseState, 'environments' | 'relock'>): string[] {
  return [...new Set([...s.environments.map((e) => e.file), ...s.relock.map((e) => e.lockFile)])];
}

export function rootAddCommand(s: ReleaseState): Command | undefined {
  const files = rootFiles(s);
  return files.length ? git('.', ['add', '--', ...files]) : undefined;
}

export function rootCommitCommand(s: ReleaseState): Command {
  return git('.', ['commit', '--quiet', '--file', s.files.rootMessage]);
}

export function nextDevCommitCommand(s: ReleaseState): Command {
  return git(s.packageRoot, [
    'commit',
    '--quiet',
    '--file',
    fromPackage(s, s.files.nextDevMessage),
    '--',
    'pyproject.toml',
  ]);
}

export function nextDevPushCommand(s: ReleaseState): Command {
  return git(s.packageRoot, ['push', '--', s.remote, `refs/heads/${s.branch}:${s.remoteBranch}`]);
}
