import { firstLine } from '../../model/text';
import { realpathSync } from 'node:fs';
import { isLocalGitUrl, type GitClient } from '../../git/git-client';
import { userError } from './errors';

/**
 * Read-only git checks made while validating, before anything is written (they run under
 * `--dry-run` too: they change nothing). Each failure is one line with the command that fixes it.
 */

/** The workspace root is the top of a git work tree; returns its absolute git directory. */
export async function checkRootRepository(git: GitClient, root: string, alternative: string): Promise<string> {
  const r = await git.run(['rev-parse', '--show-toplevel', '--absolute-git-dir'], { cwd: root });
  if (r.exitCode !== 0)
    throw userError(`the workspace is not a git repository, and submodules live in one: run git init (${alternative})`);
  const [top, gitDir] = r.stdout.split('\n').map((l) => l.trim());
  if (real(top) !== real(root)) {
    throw userError(
      `the workspace root is not the top of its git repository (${top}); submodule paths are recorded from there: run nx from ${top} (${alternative})`,
    );
  }
  return gitDir;
}

/** git can make a commit (author and committer identity are configured). */
export async function checkIdentity(git: GitClient, root: string): Promise<void> {
  for (const v of ['GIT_AUTHOR_IDENT', 'GIT_COMMITTER_IDENT']) {
    const r = await git.run(['var', v], { cwd: root });
    if (r.exitCode !== 0) {
      throw userError(
        'git has no identity for the initial commit: git config --global user.name "Your Name" && git config --global user.email you@example.com',
      );
    }
  }
}

/** The remote answers and has no `main` branch yet (the new repository's first push creates it). */
export async function checkEmptyRemote(git: GitClient, root: string, url: string): Promise<void> {
  const r = await git.run(['ls-remote', '--heads', url], {
    cwd: root,
    allowFileProtocol: isLocalGitUrl(url),
  });
  if (r.exitCode !== 0) {
    throw userError(
      `the remote ${url} is not reachable (git ls-remote: ${firstLine(r.stderr) || firstLine(r.stdout) || r.startError || `exit ${r.exitCode}`}): create the repository and check access with git ls-remote ${url}, or pass another --remote`,
    );
  }
  if (/\trefs\/heads\/main$/m.test(r.stdout)) {
    throw userError(
      `the remote ${url} already has a main branch; a new package needs an empty repository: create an empty one and pass it with --remote`,
    );
  }
}

/** `.gitmodules` has no unstaged changes (`git mv` and `git rm` of a submodule refuse otherwise). */
export async function checkGitmodulesStaged(git: GitClient, root: string): Promise<void> {
  const r = await git.run(['diff', '--quiet', '--', '.gitmodules'], { cwd: root });
  if (r.exitCode === 1)
    throw userError(
      '.gitmodules has unstaged changes, and git edits it for this: stage them first with git add .gitmodules (or git stash)',
    );
}

function real(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}
