import { redactUrl } from '../model/redact-url';
import type { EnvironmentOption } from '../model/environment-roles';
import type { Clients } from '../clients/clients';
import type { Commit } from './notes';
import { Checks, Refusal, stop } from './preflight-checks';
import { checkGithub } from './preflight-github';
import { checkPackageRepository, PackageRepository } from './preflight-package';
import { checkRoot, RootPlan } from './preflight-root';
import { checkVersion, ReleaseVersion } from './preflight-version';
import { tagPrefixMessage, TagPrefixSource } from './ref-checks';
import { releaseFiles, ReleaseState } from './state';
import { isPrerelease, normalizeVersion, ReleaseBump } from '../model/pep440';

export { resumePreflight } from './resume-preflight';

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
  const c: Checks = { req, deps, problems: [], notices: [] };
  try {
    const badPrefix = req.tagPrefix === undefined ? undefined : tagPrefixMessage(req.tagPrefix, req.tagPrefixSource);
    if (badPrefix) stop(badPrefix);
    const p = await checkPackageRepository(c);
    const v = await checkVersion(c, p);
    const githubRepository = checkGithub(c, p.url);
    const r = await checkRoot(c, { ...v, ...(p.url ? { url: p.url } : {}) });
    return prepared(c, p, v, r, githubRepository);
  } catch (e) {
    if (e instanceof Refusal) return { ok: false, problems: [...c.problems, ...e.problems] };
    throw e;
  }
}

/** The state of the release to run, once every check passed. */
function prepared(
  c: Checks,
  { branch, head, up, url }: PackageRepository,
  { distribution, current, version, tag, since, nextDev, commits, notes, emptyTree, pyproject }: ReleaseVersion,
  { rootBranch, pins, pinEdits, relock }: RootPlan,
  githubRepository: string | undefined,
): Preflight {
  const { req, deps, problems, notices } = c;
  const pkg = req.packageRoot;
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
    environments: pins,
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
      pyproject,
      commits,
      notes,
      ...(emptyTree ? { emptyTree } : {}),
      pinEdits,
      notices,
    },
  };
}
