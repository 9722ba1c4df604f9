import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { isLocalGitUrl } from '../git/git-client';
import { formatRepository, githubRepositoryOf, parseGithubRepository } from '../github/github-repository';
import { githubApiUrlProblem, githubSettings } from '../github/github-client';
import { unsafeGitUrlReason } from '../model/git-url';
import { parseGitmodules } from '../model/gitmodules';
import { normalizeDistributionName } from '../model/names';
import { redactUrl } from '../model/redact-url';
import { notUtf8Message } from '../model/utf8';
import type { EnvironmentOption } from '../model/environment-roles';
import { setTomlValue, TomlEditError } from '../toml';
import { parseToml } from '../vendor/smol-toml';
import { logCommand, rootFiles } from './commands';
import type { Clients } from '../clients/clients';
import { choosePins, pinnedTags, pinnedText, relockPlan } from './environments';
import { DEFAULT_TAG_PREFIX, detectTagPrefix } from '../model/tag-prefix';
import { Commit, commitSummary, parseLog } from './notes';
import { releaseRefProblems, stateRefProblems, tagPrefixMessage, TagPrefixSource } from './ref-checks';
import * as repo from './repo-inspect';
import { releaseFiles, ReleaseState } from './state';
import {
  bumpVersion,
  higherVersionTags,
  isPrerelease,
  latestVersionTag,
  nextDevVersion,
  normalizeVersion,
  ReleaseBump,
  tagFor,
  tagsNamingVersion,
} from '../model/pep440';

/** What the executor asks for, with the options resolved (target options over plugin options). */
export interface ReleaseRequest {
  root: string;
  project: string;
  /** Workspace-relative package directory. */
  packageRoot: string;
  bump: ReleaseBump;
  notesFile?: string;
  nextDev: boolean;
  push: boolean;
  githubRelease: boolean;
  githubRepository?: string;
  /** Explicit (target option or nx.json); else read from the package's tags and pins (model/tag-prefix.ts). */
  tagPrefix?: string;
  /** Where tagPrefix came from (for the fix when it is refused); default --tag-prefix. */
  tagPrefixSource?: TagPrefixSource;
  /** Environments besides dev. */
  environments: EnvironmentOption[];
  devEnvironments: string[];
  stableEnvironments: string[];
  /** Relock dev (the root uv.lock) too, when it exists. */
  relockDev: boolean;
  devName: string;
}

export interface FileEdit {
  file: string;
  before: string;
  after: string;
  note: string;
}

export interface PreparedRelease {
  state: ReleaseState;
  pyproject: { before: string; after: string };
  commits: Commit[];
  notes: string;
  emptyTree?: string;
  pinEdits: FileEdit[];
  /** Lines worth saying before anything runs (environments left alone, higher tags). */
  notices: string[];
}

export type Preflight = { ok: true; prepared: PreparedRelease } | { ok: false; problems: string[] };

/** Step 1: every check, read-only (no fetch, no write). All problems are reported together. */
export async function preflight(req: ReleaseRequest, deps: Pick<Clients, 'git' | 'env' | 'now'>): Promise<Preflight> {
  const problems: string[] = [];
  const notices: string[] = [];
  const { git } = deps;
  const pkgAbs = repo.abs(req.root, req.packageRoot);
  const pkg = req.packageRoot;
  const badPrefix = req.tagPrefix === undefined ? undefined : tagPrefixMessage(req.tagPrefix, req.tagPrefixSource);
  if (badPrefix) return fail(badPrefix);

  // -- the package repository -------------------------------------------------------------------
  const pyprojectPath = join(pkgAbs, 'pyproject.toml');
  if (!existsSync(pyprojectPath) || !existsSync(join(pkgAbs, '.git'))) {
    const submodule =
      existsSync(join(req.root, '.gitmodules')) &&
      readFileSync(join(req.root, '.gitmodules'), 'utf8').includes(`path = ${pkg}`);
    if (submodule && !existsSync(pyprojectPath))
      return fail(
        `${pkg} is a submodule that is not initialised: run git submodule update --init ${pkg}, then release again`,
      );
    if (!existsSync(pyprojectPath)) return fail(`${pkg}/pyproject.toml does not exist: nothing to release`);
    return fail(
      `${pkg} is not its own git repository (release tags and pushes the package's repository): attach it as a submodule (nx g @mlws/nx:package) to release it`,
    );
  }
  const top = await repo.topLevel(git, pkgAbs);
  if (!top || !samePath(top, pkgAbs))
    return fail(`${pkg} is not the top of its own git repository: release tags and pushes the package's repository`);

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
  if (badRefs.length) return { ok: false, problems: [...problems, ...badRefs] };
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

  // -- the version --------------------------------------------------------------------------------
  const notUtf8 = notUtf8Message(`${pkg}/pyproject.toml`, readFileSync(pyprojectPath));
  if (notUtf8) return fail(notUtf8);
  const before = readFileSync(pyprojectPath, 'utf8');
  let current: string | undefined;
  let distribution = req.project;
  try {
    const doc = parseToml(before) as { project?: { version?: unknown; name?: unknown; dynamic?: unknown } };
    if (typeof doc.project?.name === 'string') distribution = doc.project.name;
    if (Array.isArray(doc.project?.dynamic) && doc.project.dynamic.includes('version')) {
      return fail(
        `${pkg}/pyproject.toml declares a dynamic version: release sets [project].version itself; make it static (version = "…") first`,
      );
    }
    if (typeof doc.project?.version !== 'string')
      return fail(`${pkg}/pyproject.toml has no [project].version: add version = "0.1.0.dev0" under [project]`);
    current = doc.project.version;
  } catch (e) {
    return fail(
      `${pkg}/pyproject.toml is not valid TOML (${e instanceof Error ? e.message.split('\n')[0] : String(e)}): fix it first`,
    );
  }
  const bumped = bumpVersion(current, req.bump);
  if (!bumped.ok) return fail(`cannot release ${pkg} with --bump ${req.bump}: ${bumped.message}`);
  const version = bumped.version;
  const local = await repo.localTags(git, pkgAbs);
  const readRoot = (file: string) =>
    existsSync(join(req.root, file)) ? readFileSync(join(req.root, file), 'utf8') : undefined;
  const tagPrefix =
    req.tagPrefix ??
    readTagPrefix(
      [...local, ...remoteTagList],
      pinnedTags(normalizeDistributionName(distribution), req.environments, readRoot),
      pkg,
      notices,
    );
  const tag = tagFor(version, tagPrefix);
  const badTag = releaseRefProblems({ packageRoot: pkg, tag, remote: up.remote, remoteBranch: up.remoteBranch });
  if (badTag.length) return { ok: false, problems: [...problems, ...badTag] };
  let after = before;
  try {
    after = setTomlValue(before, ['project', 'version'], version);
  } catch (e) {
    if (e instanceof TomlEditError) return fail(`${pkg}/pyproject.toml: ${e.message}`);
    throw e;
  }
  let nextDev: string | undefined;
  if (req.nextDev) {
    const n = nextDevVersion(version);
    if (!n.ok)
      problems.push(`--next-dev: ${n.message} (release --bump patch, minor, major or stable to open the next cycle)`);
    else nextDev = n.version;
  }

  const clash = [
    ...new Set([
      ...tagsNamingVersion(local, version, tagPrefix),
      ...tagsNamingVersion(remoteTagList, version, tagPrefix),
    ]),
  ];
  if (clash.length)
    problems.push(
      `${version} is released already (tag ${clash.join(', ')} in ${pkg}${remoteTagList.some((t) => clash.includes(t)) ? ' and on its remote' : ''}): pick another --bump, or set [project].version by hand`,
    );
  const higher = higherVersionTags([...local, ...remoteTagList], version, tagPrefix);
  if (higher.length)
    notices.push(
      `${pkg} has a tag of a higher version than ${version} (${higher[0].tag}): is this the branch you release from?`,
    );

  const merged = await repo.mergedTags(git, pkgAbs);
  const since = latestVersionTag(merged, tagPrefix, isPrerelease(version) ? 'any' : 'final')?.tag;
  const commits = parseLog(await git.must(logCommand({ packageRoot: pkg, since }).args, { cwd: pkgAbs }));
  const emptyTree = since ? undefined : await repo.emptyTreeId(git, pkgAbs);

  // -- notes ----------------------------------------------------------------------------------------
  let notes = commitSummary({ distribution, version, tag, since, commits });
  if (req.notesFile) {
    const file = join(req.root, req.notesFile);
    if (!existsSync(file))
      problems.push(`--notes-file ${req.notesFile} does not exist (it is read relative to the workspace root)`);
    else notes = readFileSync(file, 'utf8');
    if (existsSync(file) && !notes.trim()) problems.push(`--notes-file ${req.notesFile} is empty`);
  }

  // -- GitHub ---------------------------------------------------------------------------------------
  let githubRepository: string | undefined;
  if (req.githubRelease) {
    const settings = githubSettings(deps.env);
    const parsed = req.githubRepository
      ? parseGithubRepository(req.githubRepository)
      : url
        ? githubRepositoryOf(url)
        : undefined;
    if (req.githubRepository && !parsed)
      problems.push(`--github-repository "${req.githubRepository}" is not owner/name`);
    else if (!parsed && url)
      problems.push(
        `cannot tell the GitHub repository of ${pkg} from its remote ${url}: pass --github-repository owner/name, or --github-release=false`,
      );
    else if (parsed && url && !req.githubRepository && isLocalGitUrl(url) && !deps.env.GITHUB_API_URL?.trim()) {
      // owner/repo of a local remote is only meaningful against a stand-in or mirror API
      problems.push(
        `the remote of ${pkg} is a local repository (${url}), not GitHub: pass --github-repository owner/name (or set GITHUB_API_URL to the API that serves ${formatRepository(parsed)}), or --github-release=false`,
      );
    }
    if (parsed) githubRepository = formatRepository(parsed);
    if (!settings.token)
      problems.push(
        `no GitHub token for the release on ${githubRepository ?? 'GitHub'}: set GITHUB_TOKEN or GH_TOKEN (contents: write), or pass --github-release=false`,
      );
    const badApi = githubApiUrlProblem(settings.apiUrl);
    if (badApi) problems.push(`${badApi} (or pass --github-release=false)`);
  }

  // -- the root repository ------------------------------------------------------------------------
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

  if (problems.length || !branch || !url || !rootBranch) return { ok: false, problems };
  const now = deps.now().toISOString();
  const state: ReleaseState = {
    schema: 1,
    project: req.project,
    distribution,
    packageRoot: pkg,
    bump: req.bump,
    from: normalizeVersion(current) ?? current,
    version,
    tag,
    ...(since ? { since } : {}),
    packageHead: head,
    branch,
    remoteBranch: up.remoteBranch,
    remote: up.remote,
    // never stored with credentials: pins are written from it, and the push goes to the remote's name
    remoteUrl: redactUrl(url),
    rootBranch,
    prerelease: isPrerelease(version),
    ...(githubRepository ? { githubRepository } : {}),
    environments: choice.pins,
    relock,
    ...(nextDev ? { nextDev } : {}),
    push: req.push,
    files: releaseFiles(req.project),
    done: [],
    startedAt: now,
    updatedAt: now,
  };
  return {
    ok: true,
    prepared: {
      state,
      pyproject: { before, after },
      commits,
      notes,
      ...(emptyTree ? { emptyTree } : {}),
      pinEdits,
      notices,
    },
  };

  function fail(message: string): Preflight {
    return { ok: false, problems: [...problems, message] };
  }
}

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

/** The prefix the package's tags and the environments' pins use, said in a notice; `v` when none. */
function readTagPrefix(tags: readonly string[], pins: readonly string[], pkg: string, notices: string[]): string {
  const found = detectTagPrefix(tags, pins);
  if (found.prefix === undefined) return DEFAULT_TAG_PREFIX;
  notices.push(
    `tag prefix of ${pkg}: ${found.summary} (set "tagPrefix" in the @mlws/nx plugin options or pass --tag-prefix to choose another)`,
  );
  return found.prefix;
}

function samePath(a: string, b: string): boolean {
  const norm = (p: string) => p.replace(/\/+$/, '');
  if (norm(a) === norm(b)) return true;
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}

function summarize(lines: readonly string[]): string {
  const files = lines.map((l) => l.slice(3).trim());
  return files.length > 3 ? `${files.slice(0, 3).join(', ')} and ${files.length - 3} more` : files.join(', ');
}
