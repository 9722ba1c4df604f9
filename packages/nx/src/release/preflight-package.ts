import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unsafeGitUrlReason } from '../model/git-url';
import { DEFAULT_TAG_PREFIX } from '../model/tag-prefix';
import { Checks, Refusal, samePath, stop, summarize } from './preflight-checks';
import { releaseRefProblems } from './ref-checks';
import * as repo from './repo-inspect';
import type { Upstream } from './repo-inspect';
import { tagFor } from '../model/pep440';

export interface PackageRepository {
  pyprojectPath: string;
  branch?: string;
  head: string;
  up: Upstream;
  url?: string;
  /** The remote's tags (empty when it cannot be read). */
  remoteTagList: string[];
}

/** The package is its own repository, on a branch, clean, not behind its remote. */
export async function checkPackageRepository(c: Checks): Promise<PackageRepository> {
  const { req, deps, problems } = c;
  const { git } = deps;
  const pkgAbs = repo.abs(req.root, req.packageRoot);
  const pkg = req.packageRoot;
  const pyprojectPath = join(pkgAbs, 'pyproject.toml');
  if (!existsSync(pyprojectPath) || !existsSync(join(pkgAbs, '.git'))) {
    const submodule =
      existsSync(join(req.root, '.gitmodules')) &&
      readFileSync(join(req.root, '.gitmodules'), 'utf8').includes(`path = ${pkg}`);
    if (submodule && !existsSync(pyprojectPath))
      return stop(
        `${pkg} is a submodule that is not initialised: run git submodule update --init ${pkg}, then release again`,
      );
    if (!existsSync(pyprojectPath)) return stop(`${pkg}/pyproject.toml does not exist: nothing to release`);
    return stop(
      `${pkg} is not its own git repository (release tags and pushes the package's repository): attach it as a submodule (nx g @mlws/nx:package) to release it`,
    );
  }
  const top = await repo.topLevel(git, pkgAbs);
  if (!top || !samePath(top, pkgAbs))
    return stop(`${pkg} is not the top of its own git repository: release tags and pushes the package's repository`);

  const branch = await repo.currentBranch(git, pkgAbs);
  const head = await repo.headSha(git, pkgAbs);
  if (!branch)
    problems.push(
      `${pkg} is on a detached HEAD (${head.slice(0, 7)}), as git submodule update leaves it: run git -C ${pkg} switch <branch> (e.g. main), then release again`,
    );
  const dirty = await repo.statusLines(git, pkgAbs);
  if (dirty.length)
    problems.push(
      `${pkg} has uncommitted changes (${summarize(dirty)}): commit or stash them (git -C ${pkg} stash --include-untracked), then release again`,
    );

  const up = branch
    ? await repo.upstreamOf(git, pkgAbs, branch)
    : { remote: 'origin', remoteBranch: 'refs/heads/main', configured: false };
  const badRefs = releaseRefProblems({
    packageRoot: pkg,
    tag: tagFor('0.1.0', req.tagPrefix ?? DEFAULT_TAG_PREFIX),
    ...(branch ? { branch } : {}),
    remote: up.remote,
    remoteBranch: up.remoteBranch,
  });
  if (badRefs.length) throw new Refusal(badRefs);
  const url = await repo.remoteUrl(git, pkgAbs, up.remote);
  let remoteTagList: string[] = [];
  if (!url) {
    problems.push(
      `${pkg} has no remote "${up.remote}" to push to: add it with git -C ${pkg} remote add ${up.remote} <url>`,
    );
  } else if (unsafeGitUrlReason(url)) {
    problems.push(`the remote URL of ${pkg} is refused: ${unsafeGitUrlReason(url)}`);
  } else if (branch) {
    const remoteSha = await repo.remoteRefSha(git, pkgAbs, up.remote, up.remoteBranch).catch((e: Error) => {
      problems.push(`cannot read ${up.remote} of ${pkg} (${e.message}): check the remote and your access`);
      return null;
    });
    if (remoteSha && remoteSha !== head) {
      const ahead = await repo.isAncestor(git, pkgAbs, remoteSha, head);
      if (ahead !== 'yes') {
        problems.push(
          `${pkg} is behind ${up.remote}/${up.remoteBranch.replace(/^refs\/heads\//, '')} (the remote has commits that ${branch} does not): run git -C ${pkg} pull --rebase, then release again`,
        );
      }
    }
    if (remoteSha !== null) remoteTagList = await repo.remoteTags(git, pkgAbs, up.remote).catch(() => []);
  }
  return { pyprojectPath, ...(branch ? { branch } : {}), head, up, ...(url ? { url } : {}), remoteTagList };
}
