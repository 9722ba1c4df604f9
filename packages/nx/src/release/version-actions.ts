import type { ProjectGraph, Tree } from '@nx/devkit';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AfterAllProjectsVersioned, VersionActions } from 'nx/release';
import type { Clients } from '../clients/clients';
import { defaultClients } from '../clients/default-clients';
import { normalizeDistributionName } from '../model/names';
import { showCommand } from '../plan/command';
import type { PlanContext } from '../plan/execute';
import { lockCommand, lockFileOf, lockOnDisk, runRelock } from '../plan/relock';
import { oneLineError } from '../plan/plan-error';
import { parseRequirement } from '../model/requirement';
import { requirementLists, valueAt } from '../model/requirement-lists';
import { decodeUtf8 } from '../model/utf8';
import { setTomlValue } from '../toml';
import { nxReleaseVersion, requirementForVersion } from './nx-release-rules';
import { parseTomlDocument } from '../model/toml-document';

/**
 * Version actions of `nx release` for Python packages (pyproject.toml):
 *
 *   "release": {
 *     "projects": ["tag:uv:package"],
 *     "projectsRelationship": "independent",
 *     "version": { "versionActions": "@mlws/nx/release/version-actions" }
 *   }
 *
 * PEP 440 versions (`nx release version dev|patch|minor|major|stable|prerelease|<version>`),
 * `[project].version` and internal dependency ranges edited format-preserving, and the dev
 * environment's uv.lock (which records the members' versions) refreshed after versioning.
 */
export default class PyprojectVersionActions extends VersionActions {
  validManifestFilenames = ['pyproject.toml'];
  override excludeManifestsFromFormatting = true;

  private manifestPath(): string {
    return this.manifestsToUpdate[0]?.manifestPath ?? join(this.projectGraphNode.data.root, 'pyproject.toml');
  }

  async readCurrentVersionFromSourceManifest(
    tree: Tree,
  ): Promise<{ currentVersion: string; manifestPath: string } | null> {
    const manifestPath = this.manifestPath();
    const text = readManifest(tree, manifestPath);
    if (text === null) return null;
    const version = (document(text, manifestPath).project as { version?: unknown } | undefined)?.version;
    if (typeof version !== 'string') {
      throw oneLineError(
        `${manifestPath} has no static [project].version (dynamic versions are not written by nx release): add version = "0.1.0.dev0" under [project]`,
      );
    }
    return { currentVersion: version, manifestPath };
  }

  async readCurrentVersionFromRegistry(): Promise<{ currentVersion: string | null; logText: string } | null> {
    return null; // packages are released as git tags, not to an index
  }

  override async calculateNewVersion(
    currentVersion: string | null,
    newVersionInput: string,
    newVersionInputReason: string,
    _newVersionInputReasonData: Record<string, unknown>,
    preid: string,
  ): Promise<{ newVersion: string; logText: string }> {
    const r = nxReleaseVersion(currentVersion, newVersionInput, preid ?? '');
    if (!r.ok) throw oneLineError(`${this.projectGraphNode.name}: ${r.message}`);
    const why = REASONS[newVersionInputReason] ?? ' ';
    return {
      newVersion: r.version,
      logText: `❓ Applied PEP 440 "${newVersionInput}"${why}to ${currentVersion ?? '(none)'} to get new version ${r.version}`,
    };
  }

  async readCurrentVersionOfDependency(
    tree: Tree,
    _graph: ProjectGraph,
    dependencyProjectName: string,
  ): Promise<{ currentVersion: string | null; dependencyCollection: string | null }> {
    const text = readManifest(tree, this.manifestPath());
    if (text === null) return { currentVersion: null, dependencyCollection: null };
    for (const entry of requirementEntries(document(text, this.manifestPath()))) {
      const req = parseRequirement(entry.requirement);
      if (req?.normalizedName === normalizeDistributionName(dependencyProjectName)) {
        return { currentVersion: req.specifier ?? null, dependencyCollection: entry.collection };
      }
    }
    return { currentVersion: null, dependencyCollection: null };
  }

  async updateProjectVersion(tree: Tree, newVersion: string): Promise<string[]> {
    const logs: string[] = [];
    for (const { manifestPath } of this.manifestsToUpdate) {
      const text = readManifest(tree, manifestPath);
      if (text === null) continue;
      tree.write(manifestPath, setTomlValue(text, ['project', 'version'], newVersion));
      logs.push(`✍️  New version ${newVersion} written to manifest: ${manifestPath}`);
    }
    return logs;
  }

  async updateProjectDependencies(
    tree: Tree,
    _graph: ProjectGraph,
    dependenciesToUpdate: Record<string, string>,
  ): Promise<string[]> {
    const logs: string[] = [];
    const wanted = new Map(
      Object.entries(dependenciesToUpdate).map(([name, v]) => [normalizeDistributionName(name), v]),
    );
    if (wanted.size === 0) return logs;
    for (const { manifestPath } of this.manifestsToUpdate) {
      let text = readManifest(tree, manifestPath);
      if (text === null) continue;
      for (const entry of requirementEntries(document(text, manifestPath))) {
        const req = parseRequirement(entry.requirement);
        const version = req && wanted.get(req.normalizedName);
        if (!req || !version) continue;
        if (req.url) {
          logs.push(`⏩ ${manifestPath}: ${req.name} is a direct reference (${req.url}), left as it is`);
          continue;
        }
        const updated = requirementForVersion(entry.requirement, version);
        if (updated === entry.requirement) continue;
        text = setTomlValue(text, entry.path, updated);
        logs.push(`✍️  ${manifestPath}: ${entry.collection} "${entry.requirement}" → "${updated}"`);
      }
      tree.write(manifestPath, text);
    }
    return logs;
  }
}

const REASONS: Record<string, string> = {
  DEPENDENCY_WAS_BUMPED: ', because a dependency was bumped, ',
  USER_SPECIFIER: ', from the given specifier, ',
  PROMPTED_USER_SPECIFIER: ', from the prompted specifier, ',
  CONVENTIONAL_COMMITS: ', derived from conventional commits data, ',
  VERSION_PLANS: ', read from a version plan, ',
};

interface RequirementEntry {
  requirement: string;
  collection: string;
  path: Array<string | number>;
}

function document(text: string, file: string): Record<string, unknown> {
  const parsed = parseTomlDocument(text, file);
  if (!parsed.ok) throw oneLineError(parsed.message);
  return parsed.doc;
}

/** Every requirement string of a pyproject with its TOML path (model/requirement-lists.ts). */
function requirementEntries(doc: Record<string, unknown>): RequirementEntry[] {
  return requirementLists(doc).flatMap(({ path }) => {
    const list = valueAt(doc, path);
    const collection = (path[0] === 'project' ? path.slice(1) : path).join('.');
    return Array.isArray(list)
      ? list.flatMap((r, i) => (typeof r === 'string' ? [{ requirement: r, collection, path: [...path, i] }] : []))
      : [];
  });
}

/**
 * After all projects are versioned: relock the dev environment (the root uv.lock records every
 * member's version), and any environment listed in `versionActionsOptions.lockEnvironments`
 * (directories). `versionActionsOptions.lock: false` skips it. Returns the locks that changed.
 * Nx calls it with (cwd, opts); the clients are the injection point of tests.
 */
export async function afterAllProjectsVersioned(
  cwd: string,
  { dryRun, rootVersionActionsOptions }: Parameters<AfterAllProjectsVersioned>[1],
  clients: Pick<Clients, 'uv' | 'log'> = defaultClients(),
): ReturnType<AfterAllProjectsVersioned> {
  const opts = (rootVersionActionsOptions ?? {}) as { lock?: boolean; lockEnvironments?: string[] };
  if (opts.lock === false || !existsSync(join(cwd, 'pyproject.toml'))) return { changedFiles: [], deletedFiles: [] };
  const envs = [
    '.',
    ...(opts.lockEnvironments ?? []).map((e) => e.replace(/^\.\/|\/+$/g, '')).filter((e) => e && e !== '.'),
  ];
  const changedFiles: string[] = [];
  if (dryRun) {
    for (const env of envs)
      clients.log(`@mlws/nx: would refresh ${lockFileOf(env)}: ${showCommand(lockCommand({ path: env }))}`);
    return { changedFiles: [], deletedFiles: [] };
  }
  const found = await clients.uv(cwd);
  if (!found.ok) throw oneLineError(`cannot refresh the locks after versioning: ${found.message}`);
  // the one relock policy: a failed lock puts back the locks refreshed before it
  const ctx: PlanContext = { root: cwd, uv: found.uv, log: clients.log, streamUv: false };
  const failed = await runRelock(
    envs.map((env) => ({ name: env, path: env })),
    ctx,
    {
      locked: (t, before, shown) => {
        const after = lockOnDisk(cwd, t.path);
        if (after !== before) changedFiles.push(lockFileOf(t.path));
        clients.log(`@mlws/nx: refreshed ${lockFileOf(t.path)}: ${shown}${after === before ? ' (unchanged)' : ''}`);
      },
    },
  );
  if (failed) {
    const { line, stopped, shown } = failed;
    throw oneLineError(
      `${line.replace(/ failed/, ' failed after versioning')}; the new versions are written${stopped ? `; ${stopped}` : ''}; fix that and run ${shown}`,
    );
  }
  return { changedFiles, deletedFiles: [] };
}

/** A manifest's text; a file that is not UTF-8 is refused before anything is written (see model/utf8.ts). */
function readManifest(tree: Tree, manifestPath: string): string | null {
  const bytes = tree.read(manifestPath);
  return bytes === null ? null : decodeUtf8(manifestPath, bytes, (message) => oneLineError(message));
}
