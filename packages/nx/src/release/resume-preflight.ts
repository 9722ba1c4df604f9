import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { githubApiUrlProblem, githubSettings } from '../github/github-settings';
import { rootFiles } from './commands';
import type { Clients } from '../clients/clients';
import { summarize } from './preflight-checks';
import { stateRefProblems } from './ref-checks';
import * as repo from './repo-inspect';
import type { ReleaseState } from './state';

/**
 * The checks of `--resume`: the repositories are where the state left them (same branches, the
 * package at one of the release's commits, only the release's own files changed).
 */
export async function resumePreflight(
  root: string,
  s: ReleaseState,
  deps: Pick<Clients, 'git' | 'env'>,
): Promise<string[]> {
  const pkgAbs = repo.abs(root, s.packageRoot);
  const pkg = s.packageRoot;
  const problems: string[] = stateRefProblems(s, `${s.files.dir}/state.json`);
  if (problems.length) return problems;
  if (!existsSync(join(pkgAbs, '.git')))
    return [`${pkg} is not a checked-out repository any more: run git submodule update --init ${pkg}`];
  const branch = await repo.currentBranch(deps.git, pkgAbs);
  if (branch !== s.branch)
    problems.push(
      `${pkg} is ${branch ? `on ${branch}` : 'on a detached HEAD'}, the release was made on ${s.branch}: run git -C ${pkg} switch ${s.branch}, then --resume`,
    );
  const head = await repo.headSha(deps.git, pkgAbs);
  const expected = [
    s.done.includes('next-dev') ? s.nextDevCommit : s.done.includes('commit') ? s.releaseCommit : s.packageHead,
  ].filter((x): x is string => !!x);
  if (!expected.includes(head)) {
    problems.push(
      `${pkg} moved since the release stopped (HEAD is ${head.slice(0, 7)}, the release expects ${expected.map((x) => x.slice(0, 7)).join(' or ')}): put it back (git -C ${pkg} reset --keep ${expected[0]?.slice(0, 7)}), or abandon the release by deleting ${s.files.dir}/state.json`,
    );
  }
  const dirty = (await repo.statusLines(deps.git, pkgAbs)).filter((l) => l.slice(3) !== 'pyproject.toml');
  if (dirty.length)
    problems.push(`${pkg} has uncommitted changes (${summarize(dirty)}): commit or stash them, then --resume`);
  const rootBranch = await repo.currentBranch(deps.git, root);
  if (rootBranch !== s.rootBranch)
    problems.push(
      `the root repository is ${rootBranch ? `on ${rootBranch}` : 'on a detached HEAD'}, the release started on ${s.rootBranch}: run git switch ${s.rootBranch}, then --resume`,
    );
  const ours = new Set([...rootFiles(s), s.packageRoot]);
  const staged = (await repo.stagedPaths(deps.git, root)).filter((p) => !ours.has(p));
  if (staged.length)
    problems.push(
      `the root repository has staged changes the release did not make (${staged.slice(0, 3).join(', ')}): unstage them (git restore --staged ${staged[0]}), then --resume`,
    );
  if (!s.done.includes('github') && s.githubRepository && !githubSettings(deps.env).token) {
    problems.push(
      `no GitHub token for the release on ${s.githubRepository}: set GITHUB_TOKEN or GH_TOKEN, then --resume`,
    );
  }
  const badApi =
    !s.done.includes('github') && s.githubRepository ? githubApiUrlProblem(githubSettings(deps.env).apiUrl) : undefined;
  if (badApi) problems.push(`${badApi}, then --resume (or --resume --github-release=false)`);
  return problems;
}
