import { isLocalGitUrl, type GitClient } from '../../git/git-client';
import { userError } from '../shared/errors';

/**
 * What of a package exists only on this machine and `remove` would destroy: uncommitted and
 * ignored files (checkpoints, dist/ — not caches that are rebuilt), stashes, commits on no remote
 * (on a branch, a tag, HEAD, or only in the reflog), tags the remotes do not have. Read-only.
 */
export interface LocalOnly {
  /** Short, for the plan: "ignored files: dist/, ckpt/". */
  summary: string;
  /** The clause after "<path> ", with the command that shows them and how to keep them. */
  message: string;
}

/** Ignored files that are rebuilt on demand: losing them loses nothing. */
const REBUILT = /(^|\/)(__pycache__|\.pytest_cache|\.ruff_cache|\.mypy_cache|\.venv|[^/]+\.egg-info)(\/|$)|\.py[co]$/;

/** Working-tree findings from `git status --porcelain --untracked-files=all --ignored` (paths as given by git). */
export function workTreeFindings(statusOutput: string, path: string, cwdIsPackage: boolean): LocalOnly[] {
  const lines = statusOutput.split('\n').filter((l) => l.length > 3);
  const gitC = cwdIsPackage ? `git -C ${path}` : 'git';
  const dash = cwdIsPackage ? '' : ` -- ${path}`;
  const found: LocalOnly[] = [];
  if (lines.some((l) => !l.startsWith('!! '))) {
    found.push({
      summary: 'uncommitted changes',
      message: `has uncommitted changes that would be lost: commit and push them, or discard them (${gitC} status${dash} shows them)`,
    });
  }
  const ignored = lines
    .filter((l) => l.startsWith('!! '))
    .map((l) => l.slice(3))
    .filter((f) => !REBUILT.test(f));
  if (ignored.length) {
    const list = ignored.slice(0, 5).join(', ') + (ignored.length > 5 ? `, … (${ignored.length} in all)` : '');
    found.push({
      summary: `ignored files ${list}`,
      message: `has ignored files that exist only here and would be lost (${list}): move them out of ${path} first (${gitC} status --ignored${dash} lists them)`,
    });
  }
  return found;
}

/** Findings of the submodule's git directory `gitDir`: stash, commits on no remote, reflog-only commits, unpushed tags. */
export async function gitDirFindings(git: GitClient, root: string, path: string, gitDir: string): Promise<LocalOnly[]> {
  const dir = ['--git-dir', gitDir];
  const run = (args: string[], o = {}) => git.run([...dir, ...args], { cwd: root, ...o });
  const lines = (stdout: string) =>
    stdout
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
  const found: LocalOnly[] = [];
  const unpushed = await run(['log', '--branches', 'HEAD', '--not', '--remotes', '--oneline']);
  if (unpushed.exitCode === 0 && lines(unpushed.stdout).length) {
    const n = lines(unpushed.stdout).length;
    found.push({
      summary: `${n} unpushed commit(s)`,
      message: `has ${n} commit(s) on no remote that would be lost: push them with git -C ${path} push (git -C ${path} log --branches HEAD --not --remotes lists them)`,
    });
  }
  const stash = await run(['stash', 'list']);
  if (stash.exitCode === 0 && stash.stdout.trim()) {
    found.push({
      summary: 'stashed changes',
      message: `has stashed changes that would be lost: apply or drop them first (git -C ${path} stash list)`,
    });
  }
  const reflogOnly = await run(['rev-list', '--reflog', '--not', '--remotes', '--branches', '--tags', 'HEAD']);
  if (reflogOnly.exitCode === 0 && lines(reflogOnly.stdout).length) {
    const n = lines(reflogOnly.stdout).length;
    found.push({
      summary: `${n} commit(s) only in the reflog`,
      message: `has ${n} commit(s) reachable only from its reflog (amended, reset or from a deleted branch) that would be lost: keep them with git -C ${path} branch <name> <commit> and push (git -C ${path} log --reflog --not --remotes --branches --tags HEAD lists them)`,
    });
  }
  const tags = await unpushedTags(git, root, gitDir);
  if (tags.length) {
    const list = tags.slice(0, 5).join(', ') + (tags.length > 5 ? `, … (${tags.length} in all)` : '');
    found.push({
      summary: `tags on no remote: ${list}`,
      message: `has tags no remote has that would be lost (${list}): push them with git -C ${path} push origin --tags`,
    });
  }
  return found;
}

/** Local tags that no remote lists with the same object (asks the remotes; a remote that does not answer has none). */
async function unpushedTags(git: GitClient, root: string, gitDir: string): Promise<string[]> {
  const dir = ['--git-dir', gitDir];
  const local = await git.run([...dir, 'for-each-ref', '--format=%(objectname) %(refname)', 'refs/tags'], {
    cwd: root,
  });
  const mine = new Map(
    local.stdout
      .split('\n')
      .map((l) => l.trim().split(' '))
      .filter((p) => p.length === 2)
      .map(([oid, ref]) => [ref, oid] as const),
  );
  if (local.exitCode !== 0 || mine.size === 0) return [];
  const remotes = await git.run([...dir, 'remote'], { cwd: root });
  const theirs = new Set<string>();
  for (const remote of remotes.stdout
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)) {
    const url = await git.run([...dir, 'remote', 'get-url', remote], { cwd: root });
    const r = await git.run([...dir, 'ls-remote', '--tags', remote], {
      cwd: root,
      allowFileProtocol: isLocalGitUrl(url.stdout.trim()),
    });
    if (r.exitCode !== 0) continue;
    for (const l of r.stdout.split('\n')) {
      const [oid, ref] = l.trim().split('\t');
      if (oid && ref && !ref.endsWith('^{}')) theirs.add(`${ref} ${oid}`);
    }
  }
  return [...mine]
    .filter(([ref, oid]) => !theirs.has(`${ref} ${oid}`))
    .map(([ref]) => ref.replace(/^refs\/tags\//, ''));
}

/** Refuses with one line naming everything found, unless `force`; with `force` returns the plan line that names what goes. */
export function refuseLocalOnly(path: string, found: LocalOnly[], force: boolean): string | undefined {
  if (!found.length) return undefined;
  if (force)
    return `@mlws/nx: --force: removes with ${path} what exists only here: ${found.map((f) => f.summary).join('; ')}`;
  const [first, ...rest] = found;
  const also = rest.length ? `; it also has ${rest.map((f) => f.summary).join('; ')}` : '';
  throw userError(`${path} ${first.message}${also}; or pass --force to remove it with all of that`);
}
