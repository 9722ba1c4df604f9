import { GitClient, isLocalGitUrl, parseLsRemoteTags } from '../../git/git-client';
import { unsafeGitUrlReason } from '../../model/git-url';
import { firstLine } from '../../model/text';
import { fail } from './errors';
import { isRelativeGitUrl, resolveRelativeGitUrl } from './relative-url';

/** Refuses URLs with a dangerous transport (`ext::`, `fd::`), whitespace, or a leading `-`. */
export function checkGitUrl(url: string, what: string): string | undefined {
  const reason = unsafeGitUrlReason(url);
  return reason ? `${what} has the URL "${url}", which @mlws/nx refuses: ${reason}` : undefined;
}

/** `git ls-remote --tags <url>` → tag names; an unreachable remote is one line. */
export async function listRemoteTags(git: GitClient, cwd: string, url: string): Promise<string[]> {
  const bad = checkGitUrl(url, 'the remote');
  if (bad) fail(bad);
  const r = await git.run(['ls-remote', '--tags', '--', url], {
    cwd,
    allowFileProtocol: isLocalGitUrl(url),
  });
  if (r.exitCode !== 0) {
    fail(
      `cannot list the tags of ${url} (git ls-remote --tags ${url}): ${firstLine(r.stderr) || r.startError || `exit ${r.exitCode}`}`,
    );
  }
  return parseLsRemoteTags(r.stdout);
}

/**
 * `remote.<name>.url` as written in the configuration. `git remote get-url` applies the user's
 * `url.<base>.insteadOf` rewrites; those are per-user settings and never belong in committed files.
 */
export async function configuredRemoteUrl(git: GitClient, cwd: string, remote: string): Promise<string | undefined> {
  const r = await git.run(['config', '--get', `remote.${remote}.url`], { cwd });
  return r.exitCode === 0 ? r.stdout.trim() || undefined : undefined;
}

/**
 * What git resolves relative `.gitmodules` URLs against: the URL of the current branch's remote
 * (else `origin`), as configured; without such a remote, the superproject's own directory.
 */
export async function submoduleBaseUrl(git: GitClient, root: string): Promise<string> {
  return (await configuredSubmoduleBase(git, root)) ?? root;
}

/** The configured remote URL relative `.gitmodules` URLs resolve against; undefined without a remote. */
export async function configuredSubmoduleBase(git: GitClient, root: string): Promise<string | undefined> {
  const branch = await git.run(['symbolic-ref', '--quiet', '--short', 'HEAD'], { cwd: root });
  const name = branch.exitCode === 0 ? branch.stdout.trim() : '';
  const tracked = name
    ? (await git.run(['config', '--get', `branch.${name}.remote`], { cwd: root })).stdout.trim()
    : '';
  const remote = tracked && tracked !== '.' ? tracked : 'origin';
  return configuredRemoteUrl(git, root, remote);
}

/** A `.gitmodules` URL made absolute the way git does it (relative ones against submoduleBaseUrl); undefined when it cannot be. */
export async function resolveSubmoduleUrl(git: GitClient, root: string, url: string): Promise<string | undefined> {
  if (!isRelativeGitUrl(url)) return url;
  return resolveRelativeGitUrl(await submoduleBaseUrl(git, root), url);
}

/** A `.gitmodules` URL made absolute (see resolveSubmoduleUrl); one line when it cannot be. */
export async function absoluteSubmoduleUrl(git: GitClient, cwd: string, url: string, path: string): Promise<string> {
  const resolved = await resolveSubmoduleUrl(git, cwd, url);
  if (!resolved) {
    fail(
      `${path} has the relative URL ${url} in .gitmodules, which does not resolve against the root repository's remote (${await submoduleBaseUrl(git, cwd)}): fix the remote (git remote set-url origin <url>) or write the absolute URL in .gitmodules`,
    );
  }
  return resolved;
}
