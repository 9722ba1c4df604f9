import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseGitmodules } from '../model/gitmodules';
import { normalizeDistributionName } from '../model/names';
import { notUtf8Message } from '../model/utf8';
import { rootFiles } from './commands';
import { choosePins, pinnedText, relockPlan } from './environments';
import type { FileEdit } from './preflight';
import { Checks, summarize } from './preflight-checks';
import * as repo from './repo-inspect';
import type { EnvironmentPinPlan, RelockPlan } from './state';

export interface RootPlan {
  rootBranch?: string;
  pins: EnvironmentPinPlan[];
  pinEdits: FileEdit[];
  relock: RelockPlan[];
}

/** The root repository: on a branch, not behind, the environments to pin and relock, nothing else staged or changed in them. */
export async function checkRoot(
  c: Checks,
  v: { distribution: string; version: string; tag: string; url?: string },
): Promise<RootPlan> {
  const { req, problems, notices } = c;
  const { git } = c.deps;
  const pkg = req.packageRoot;
  const { distribution, version, tag, url } = v;
  const rootBranch = await repo.currentBranch(git, req.root);
  if (!rootBranch)
    problems.push(
      `the root repository is on a detached HEAD: run git switch <branch> in ${req.root}, then release again`,
    );
  // environment pyprojects are edited by the release: one that is not UTF-8 is refused, never decoded lossily
  const read = (file: string) => {
    if (!existsSync(join(req.root, file))) return undefined;
    const bytes = readFileSync(join(req.root, file));
    const notUtf8Env = notUtf8Message(file, bytes);
    if (notUtf8Env && !problems.includes(notUtf8Env)) problems.push(notUtf8Env);
    return notUtf8Env ? undefined : bytes.toString('utf8');
  };
  const name = normalizeDistributionName(distribution);
  const choice = choosePins({
    name,
    version,
    tag,
    devEnvironments: req.devEnvironments,
    stableEnvironments: req.stableEnvironments,
    environments: req.environments,
    read,
  });
  problems.push(...choice.problems);
  notices.push(...choice.notes);
  const pinEdits: FileEdit[] = [];
  for (const p of choice.pins) {
    const text = read(p.file) ?? '';
    const r = pinnedText(text, p.file, name, url ?? '', tag);
    if (!r.ok) problems.push(r.message);
    else pinEdits.push({ file: p.file, before: text, after: r.text, note: r.note });
  }
  let devLock = req.relockDev && existsSync(join(req.root, 'uv.lock'));
  if (devLock) {
    // the dev lock records every member's version from its working tree: relocking it while another
    // submodule is off the commit the root records would commit a lock of uncommitted work
    const gitmodules = read('.gitmodules');
    const others = gitmodules
      ? parseGitmodules(gitmodules)
          .map((m) => m.path)
          .filter((p) => p !== pkg)
      : [];
    const moved = others.length
      ? [...new Set((await repo.statusLines(git, req.root, others)).map((l) => l.slice(3).trim()))]
      : [];
    if (moved.length) {
      devLock = false;
      notices.push(
        `uv.lock (${req.devName}) is not relocked: ${moved.join(', ')} ${moved.length === 1 ? 'is' : 'are'} not at the commit the root records, so the dev lock would describe uncommitted work; commit ${moved.length === 1 ? 'it' : 'them'} in the root, then nx run ${req.devName}:lock`,
      );
    }
  }
  const relock = relockPlan(choice.pins, devLock, req.devName);
  const touched = rootFiles({ environments: choice.pins, relock });
  if (touched.length) {
    const rootDirty = await repo.statusLines(git, req.root, touched);
    if (rootDirty.length)
      problems.push(
        `the root repository has uncommitted changes in files the release writes (${summarize(rootDirty)}): commit or stash them, then release again`,
      );
  }
  const staged = (await repo.stagedPaths(git, req.root)).filter((p) => p !== pkg);
  if (staged.length)
    problems.push(
      `the root repository has staged changes (${staged.slice(0, 3).join(', ')}${staged.length > 3 ? ', …' : ''}): the release commits only its own files; commit them or unstage them (git restore --staged ${staged.length === 1 ? staged[0] : '.'}), then release again`,
    );
  if (rootBranch) {
    const rootUp = await repo.upstreamOf(git, req.root, rootBranch);
    if (rootUp.configured) {
      const rootHead = await repo.headSha(git, req.root);
      const sha = await repo.remoteRefSha(git, req.root, rootUp.remote, rootUp.remoteBranch).catch(() => undefined);
      if (sha && sha !== rootHead && (await repo.isAncestor(git, req.root, sha, rootHead)) !== 'yes') {
        problems.push(
          `the root repository is behind ${rootUp.remote}/${rootUp.remoteBranch.replace(/^refs\/heads\//, '')}: run git pull --rebase (then git submodule update), then release again`,
        );
      }
    }
  }
  return { ...(rootBranch ? { rootBranch } : {}), pins: choice.pins, pinEdits, relock };
}
