import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { normalizeDistributionName } from '../model/names';
import { DEFAULT_TAG_PREFIX, detectTagPrefix } from '../model/tag-prefix';
import { notUtf8Message } from '../model/utf8';
import { setTomlValue, TomlEditError } from '../toml';
import { parseTomlDocument } from '../model/toml-document';
import { logCommand } from './commands';
import { pinnedTags } from './environments';
import { Commit, commitSummary, parseLog } from './notes';
import type { PackageRepository } from './preflight-package';
import { Checks, Refusal, stop } from './preflight-checks';
import { releaseRefProblems } from './ref-checks';
import * as repo from './repo-inspect';
import {
  bumpVersion,
  higherVersionTags,
  isPrerelease,
  latestVersionTag,
  nextDevVersion,
  tagFor,
  tagsNamingVersion,
} from '../model/pep440';

export interface ReleaseVersion {
  distribution: string;
  current: string;
  version: string;
  tag: string;
  nextDev?: string;
  pyproject: { before: string; after: string };
  since?: string;
  commits: Commit[];
  emptyTree?: string;
  notes: string;
}

/** The version to release, its tag (not released yet), the commits since the last one and the notes. */
export async function checkVersion(c: Checks, p: PackageRepository): Promise<ReleaseVersion> {
  const { req, problems, notices } = c;
  const { git } = c.deps;
  const pkgAbs = repo.abs(req.root, req.packageRoot);
  const pkg = req.packageRoot;
  const { pyprojectPath, up, remoteTagList } = p;
  const notUtf8 = notUtf8Message(`${pkg}/pyproject.toml`, readFileSync(pyprojectPath));
  if (notUtf8) return stop(notUtf8);
  const before = readFileSync(pyprojectPath, 'utf8');
  let distribution = req.project;
  const parsed = parseTomlDocument(before, `${pkg}/pyproject.toml`);
  if (!parsed.ok) return stop(parsed.message);
  const doc = parsed.doc as { project?: { version?: unknown; name?: unknown; dynamic?: unknown } };
  if (typeof doc.project?.name === 'string') distribution = doc.project.name;
  if (Array.isArray(doc.project?.dynamic) && doc.project.dynamic.includes('version')) {
    return stop(
      `${pkg}/pyproject.toml declares a dynamic version: release sets [project].version itself; make it static (version = "…") first`,
    );
  }
  if (typeof doc.project?.version !== 'string')
    return stop(`${pkg}/pyproject.toml has no [project].version: add version = "0.1.0.dev0" under [project]`);
  const current = doc.project.version;
  const bumped = bumpVersion(current, req.bump);
  if (!bumped.ok) return stop(`cannot release ${pkg} with --bump ${req.bump}: ${bumped.message}`);
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
  if (badTag.length) throw new Refusal(badTag);
  let after = before;
  try {
    after = setTomlValue(before, ['project', 'version'], version);
  } catch (e) {
    if (e instanceof TomlEditError) return stop(`${pkg}/pyproject.toml: ${e.message}`);
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

  let notes = commitSummary({ distribution, version, tag, since, commits });
  if (req.notesFile) {
    const file = join(req.root, req.notesFile);
    if (!existsSync(file))
      problems.push(`--notes-file ${req.notesFile} does not exist (it is read relative to the workspace root)`);
    else notes = readFileSync(file, 'utf8');
    if (existsSync(file) && !notes.trim()) problems.push(`--notes-file ${req.notesFile} is empty`);
  }
  return {
    distribution,
    current,
    version,
    tag,
    ...(nextDev ? { nextDev } : {}),
    pyproject: { before, after },
    ...(since ? { since } : {}),
    commits,
    ...(emptyTree ? { emptyTree } : {}),
    notes,
  };
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
