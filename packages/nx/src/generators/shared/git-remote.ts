import { GitClient, isLocalGitUrl, parseLsRemoteTags } from '../../git/git-client';
import { unsafeGitUrlReason } from '../../model/git-url';
import { fail, firstLine } from './errors';
import { isRelativeGitUrl, resolveRelativeGitUrl } from './relative-url';

/** git must never wait for a password nobody will type: a remote that needs one fails instead. */
const NO_PROMPT = { GIT_TERMINAL_PROMPT: '0' };

/** Refuses URLs with a dangerous transport (`ext::`, `fd::`), whitespace, or a leading `-`. */
export function checkGitUrl(url: string, what: string): string | undefined {
  const reason = unsafeGitUrlReason(url);
  return reason ? `${what} has the URL "${url}", which @mlws/nx refuses: ${reason}` : undefined;
}

/** `git ls-remote --tags <url>` → tag names; an unreachable remote is one line. */
export async function listRemoteTags(git: GitClient, cwd: string, url: string): Promise<string[]> {
  const bad = checkGitUrl(url, 'the remote');
  if (bad) fail(bad);
  const r = await git.run(cwd, ['ls-remote', '--tags', '--', url], { allowFileProtocol: isLocalGitUrl(url), env: NO_PROMPT });
  if (r.exitCode !== 0) {
    fail(`cannot list the tags of ${url} (git ls-remote --tags ${url}): ${firstLine(r.stderr) || r.startError || `exit ${r.exitCode}`}`);
  }
  return parseLsRemoteTags(r.stdout);
}

/** `remote.origin.url` of the repository at cwd, if set. */
export async function originUrl(git: GitClient, cwd: string): Promise<string | undefined> {
  const r = await git.run(cwd, ['config', '--get', 'remote.origin.url']);
  return r.exitCode === 0 ? r.stdout.trim() || undefined : undefined;
}

/** A `.gitmodules` URL made absolute: relative ones resolve against the root's `origin`. */
export async function absoluteSubmoduleUrl(git: GitClient, cwd: string, url: string, path: string): Promise<string> {
  if (!isRelativeGitUrl(url)) return url;
  const base = await originUrl(git, cwd);
  const resolved = base ? resolveRelativeGitUrl(base, url) : undefined;
  if (!resolved) {
    fail(`${path} has the relative URL ${url} in .gitmodules and the root repository has no usable remote "origin" to resolve it against: set one (git remote add origin <url>) or write the absolute URL in .gitmodules`);
  }
  return resolved;
}
