import type { ExecutorContext } from '@nx/devkit';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Clients } from '../../clients/clients';
import { defaultClients } from '../../clients/default-clients';
import { githubSettings } from '../../github/github-settings';
import { namesWithRoles, RELEASE_PIN_ROLES } from '../../model/environment-roles';
import { redactUrlsIn } from '../../model/redact-url';
import { EnvironmentOptionInput, normalizeOptions } from '../../model/options';
import { describePlan } from '../../release/plan';
import { preflight, ReleaseRequest, resumePreflight } from '../../release/preflight';
import { runRelease } from '../../release/run-release';
import { isComplete, readState, releaseDir } from '../../release/state';
import { RELEASE_BUMPS, ReleaseBump } from '../../model/pep440';
import { pluginOptionsOf } from '../shared/plugin-options';

export interface ReleaseExecutorOptions {
  bump?: ReleaseBump;
  dryRun?: boolean;
  notesFile?: string;
  resume?: boolean;
  nextDev?: boolean;
  push?: boolean;
  githubRelease?: boolean;
  githubRepository?: string;
  /** Default: the plugin option `tagPrefix`, else the prefix the package's tags and pins use (`v` when none). */
  tagPrefix?: string;
  /** Environments besides dev (default: the plugin option `environments`); `role` as in the plugin option. */
  environments?: EnvironmentOptionInput[];
  /** What a pre-release pins (default: the staging-role environments). */
  devEnvironments?: string[];
  /** What a final release pins (default: the staging- and prod-role environments). */
  stableEnvironments?: string[];
  relockDev?: boolean;
}

/**
 * `nx run <package>:release --bump dev|patch|minor|major|stable`: version, commit, annotated tag
 * and push in the package's repository, a GitHub release, the environment pins, relock, and one
 * root commit of only those files. `--dry-run` prints every command and diff and runs none;
 * `--resume` continues a release that stopped after its commit.
 */
export default async function releaseExecutor(
  options: ReleaseExecutorOptions,
  context: ExecutorContext,
  clients: Clients = defaultClients(),
): Promise<{ success: boolean }> {
  // every line of the release passes here: no URL is ever shown with its credentials
  const deps: Clients = { ...clients, log: (line) => clients.log(redactUrlsIn(line)) };
  const say = (line: string) => deps.log(`@mlws/nx: ${line}`);
  const failWith = (...lines: string[]) => {
    for (const l of lines) say(l);
    return { success: false };
  };
  const root = context.root;
  const project = context.projectName ?? '';
  const packageRoot = context.projectsConfigurations?.projects[project]?.root;
  if (!project || !packageRoot)
    return failWith('release runs on a package project: nx run <package>:release --bump dev');
  const target = context.targetName ?? 'release';
  const resumeCommand = `nx run ${project}:${target} --resume`;
  const rawPlugin = pluginOptionsOf(context);
  const plugin = normalizeOptions(rawPlugin);
  const apiUrl = githubSettings(deps.env).apiUrl;
  const read = (rel: string) => (existsSync(join(root, rel)) ? readFileSync(join(root, rel), 'utf8') : undefined);

  const stored = readState(root, project);
  if (!stored.ok) return failWith(`${stored.message}: delete it to start over`);

  if (options.resume) {
    const s = stored.state;
    if (!s)
      return failWith(
        `no release of ${project} to resume (${releaseDir(project)}/state.json does not exist): start one with nx run ${project}:${target} --bump <dev|patch|minor|major|stable>`,
      );
    if (isComplete(s))
      return failWith(
        `the release of ${s.distribution} ${s.version} is complete already (${releaseDir(project)}/state.json): nothing to resume`,
      );
    s.push = true; // --resume goes on past a --push=false stop
    if (options.githubRelease === false && s.githubRepository && !s.done.includes('github')) {
      delete s.githubRepository; // finish without the GitHub release
      say('the GitHub release is skipped (--github-release=false)');
    }
    const problems = await resumePreflight(root, s, deps);
    if (problems.length) return failWith(...problems);
    say(
      `resuming the release of ${s.distribution} ${s.version} (${s.tag})${s.failed ? ` at ${s.failed.step}, which failed: ${s.failed.message}` : ''}`,
    );
    if (options.dryRun) {
      say(`dry run: nothing below is executed or written`);
      for (const l of describePlan({
        state: s,
        read,
        notesSource: s.files.notes,
        notes: read(s.files.notes) ?? '',
        githubApiUrl: apiUrl,
        notices: [],
      }))
        deps.log(l);
      return { success: true };
    }
    return { success: (await runRelease({ root, state: s, deps, resumeCommand })).success };
  }

  if (!options.bump)
    return failWith(
      `--bump is required: nx run ${project}:${target} --bump <${RELEASE_BUMPS.join('|')}> (or --resume)`,
    );
  if (!RELEASE_BUMPS.includes(options.bump))
    return failWith(`--bump ${options.bump} is not one of ${RELEASE_BUMPS.join(', ')}`);
  const unfinished = stored.state && !isComplete(stored.state) ? stored.state : undefined;
  if (unfinished) {
    const where = unfinished.failed
      ? `stopped at ${unfinished.failed.step}: ${unfinished.failed.message}`
      : 'stopped before the push';
    const kept = unfinished.releaseCommit
      ? ` (commit ${unfinished.releaseCommit.slice(0, 7)} and tag ${unfinished.tag} stay in ${unfinished.packageRoot})`
      : '';
    return failWith(
      `the release of ${unfinished.distribution} ${unfinished.version} is unfinished (${where}): continue it with ${resumeCommand}, or abandon it by deleting ${releaseDir(project)}/state.json${kept}`,
    );
  }

  // the roles as the plugin assigns them (normalizeOptions), for --environments too; dev is not released into
  const environments = (
    options.environments
      ? normalizeOptions({
          devEnvironment: plugin.devEnvironment,
          environments: options.environments.filter((e) => e.path !== '.'),
        }).environments
      : plugin.environments
  ).filter((e) => e.role !== 'dev');
  const req: ReleaseRequest = {
    root,
    project,
    packageRoot,
    bump: options.bump,
    ...(options.notesFile ? { notesFile: options.notesFile } : {}),
    nextDev: options.nextDev ?? false,
    push: options.push ?? true,
    githubRelease: options.githubRelease ?? true,
    ...(options.githubRepository ? { githubRepository: options.githubRepository } : {}),
    ...((options.tagPrefix ?? plugin.tagPrefix) !== undefined
      ? { tagPrefix: options.tagPrefix ?? plugin.tagPrefix }
      : {}),
    // the inferred target copies the plugin option into its options: the same value is nx.json's
    tagPrefixSource:
      options.tagPrefix === undefined ||
      (rawPlugin.tagPrefix !== undefined && options.tagPrefix === rawPlugin.tagPrefix)
        ? 'nx.json'
        : '--tag-prefix',
    environments,
    devEnvironments: options.devEnvironments ?? namesWithRoles(environments, RELEASE_PIN_ROLES.prerelease),
    stableEnvironments: options.stableEnvironments ?? namesWithRoles(environments, RELEASE_PIN_ROLES.stable),
    relockDev: options.relockDev ?? true,
    devName: plugin.devEnvironment,
  };
  const checked = await preflight(req, deps);
  if (!checked.ok) return failWith(...checked.problems);
  const { state, commits, notes, emptyTree, notices } = checked.prepared;

  const headline = `release ${state.distribution} ${state.from} → ${state.version} (--bump ${state.bump}), tag ${state.tag}`;
  const preflightLine = `${packageRoot} on ${state.branch} at ${state.packageHead.slice(0, 7)}, clean, not behind ${state.remote} (${state.remoteUrl}); root on ${state.rootBranch}`;
  if (options.dryRun) {
    say(`${headline} — dry run: nothing below is executed or written`);
    const notesSource = options.notesFile ? `from --notes-file ${options.notesFile}` : 'the commit summary';
    for (const l of describePlan({
      state,
      read,
      commitCount: commits.length,
      notesSource,
      notes,
      ...(emptyTree ? { emptyTree } : {}),
      githubApiUrl: apiUrl,
      notices,
      preflightLine,
    }))
      deps.log(l);
    return { success: true };
  }
  say(headline);
  deps.log(`@mlws/nx: 1/7 preflight: ${preflightLine}`);
  for (const n of notices) say(`note: ${n}`);
  const outcome = await runRelease({
    root,
    state,
    deps,
    resumeCommand,
    fresh: {
      notes,
      commits,
      ...(emptyTree ? { emptyTree } : {}),
      ...(options.notesFile ? { notesFile: options.notesFile } : {}),
    },
  });
  return { success: outcome.success };
}
