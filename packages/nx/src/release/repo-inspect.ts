import { join } from 'node:path';
import { GitClient, parseLsRemoteTags } from '../git/git-client';

/**
 * Read-only questions to a git repository, through the git client. `cwd` is absolute. These never
 * change a repository (no fetch): "behind" is answered with ls-remote and merge-base.
 */
export async function headSha(git: GitClient, cwd: string): Promise<string> {
  return (await git.must(['rev-parse', 'HEAD'], { cwd })).trim();
}

/** The checked-out branch, or undefined on a detached HEAD. */
export async function currentBranch(git: GitClient, cwd: string): Promise<string | undefined> {
  const r = await git.run(['symbolic-ref', '--quiet', '--short', 'HEAD'], { cwd });
  return r.exitCode === 0 ? r.stdout.trim() || undefined : undefined;
}

/** The top level of the repository `cwd` belongs to (absolute), or undefined outside one. */
export async function topLevel(git: GitClient, cwd: string): Promise<string | undefined> {
  const r = await git.run(['rev-parse', '--show-toplevel'], { cwd });
  return r.exitCode === 0 ? r.stdout.trim() : undefined;
}

/** `git status --porcelain` lines (untracked files included), optionally limited to paths. */
export async function statusLines(git: GitClient, cwd: string, paths: readonly string[] = []): Promise<string[]> {
  const out = await git.must(
    ['status', '--porcelain=v1', '--untracked-files=all', ...(paths.length ? ['--', ...paths] : [])],
    { cwd },
  );
  return out.split('\n').filter((l) => l.trim());
}

/** Paths with staged changes. */
export async function stagedPaths(git: GitClient, cwd: string): Promise<string[]> {
  return (await git.must(['diff', '--cached', '--name-only'], { cwd })).split('\n').filter(Boolean);
}

export interface Upstream {
  remote: string;
  /** `refs/heads/<name>` on the remote. */
  remoteBranch: string;
  /** Whether the branch has a configured upstream (else: origin and the same name). */
  configured: boolean;
}

export async function upstreamOf(git: GitClient, cwd: string, branch: string): Promise<Upstream> {
  const remote = (await git.run(['config', '--get', `branch.${branch}.remote`], { cwd })).stdout.trim();
  const merge = (await git.run(['config', '--get', `branch.${branch}.merge`], { cwd })).stdout.trim();
  if (remote && remote !== '.' && merge) return { remote, remoteBranch: merge, configured: true };
  return { remote: 'origin', remoteBranch: `refs/heads/${branch}`, configured: false };
}

/**
 * The remote's URL as configured (`remote.<name>.url`). Not `git remote get-url`: that applies the
 * user's `url.<base>.insteadOf` rewrites, which must never reach the pins or the GitHub repository.
 */
export async function remoteUrl(git: GitClient, cwd: string, remote: string): Promise<string | undefined> {
  const r = await git.run(['config', '--get', `remote.${remote}.url`], { cwd });
  return r.exitCode === 0 ? r.stdout.trim() || undefined : undefined;
}

/** The sha of a ref on the remote (ls-remote), or undefined when the remote has no such ref. */
export async function remoteRefSha(
  git: GitClient,
  cwd: string,
  remote: string,
  ref: string,
): Promise<string | undefined> {
  const out = await git.must(['ls-remote', remote, ref], { cwd });
  const line = out.split('\n').find((l) => l.endsWith(`\t${ref}`));
  return line ? line.split('\t')[0] : undefined;
}

/** Whether `ancestor` is an ancestor of (or equal to) `of`; `unknown` when the object is not here. */
export async function isAncestor(
  git: GitClient,
  cwd: string,
  ancestor: string,
  of: string,
): Promise<'yes' | 'no' | 'unknown'> {
  const r = await git.run(['merge-base', '--is-ancestor', ancestor, of], { cwd });
  return r.exitCode === 0 ? 'yes' : r.exitCode === 1 ? 'no' : 'unknown';
}

export async function localTags(git: GitClient, cwd: string): Promise<string[]> {
  return (await git.must(['tag', '--list'], { cwd }))
    .split('\n')
    .map((t) => t.trim())
    .filter(Boolean);
}

/** Tags reachable from HEAD. */
export async function mergedTags(git: GitClient, cwd: string): Promise<string[]> {
  return (await git.must(['tag', '--list', '--merged', 'HEAD'], { cwd }))
    .split('\n')
    .map((t) => t.trim())
    .filter(Boolean);
}

export async function remoteTags(git: GitClient, cwd: string, remote: string): Promise<string[]> {
  return parseLsRemoteTags(await git.must(['ls-remote', '--tags', remote], { cwd }));
}

/** The commit a local tag points at, or undefined when there is no such tag. */
export async function tagCommit(git: GitClient, cwd: string, tag: string): Promise<string | undefined> {
  const r = await git.run(['rev-parse', '--verify', '--quiet', `refs/tags/${tag}^{commit}`], { cwd });
  return r.exitCode === 0 ? r.stdout.trim() : undefined;
}

/** The id of the empty tree in this repository's hash (the base of a first release's diff). */
export async function emptyTreeId(git: GitClient, cwd: string): Promise<string> {
  return (await git.must(['hash-object', '-t', 'tree', '--stdin'], { cwd, input: '' })).trim();
}

/** A file's text at a commit, or undefined. */
export async function fileAt(git: GitClient, cwd: string, commit: string, path: string): Promise<string | undefined> {
  const r = await git.run(['show', `${commit}:${path}`], { cwd });
  return r.exitCode === 0 ? r.stdout : undefined;
}

/** The gitlink the root's HEAD records for a submodule path, or undefined. */
export async function gitlinkAtHead(git: GitClient, root: string, path: string): Promise<string | undefined> {
  const r = await git.run(['ls-tree', 'HEAD', '--', path], { cwd: root });
  const m = /^160000 commit ([0-9a-f]+)\t/.exec(r.stdout.trim());
  return m ? m[1] : undefined;
}

export const abs = (root: string, rel: string): string => (rel === '.' ? root : join(root, rel));
