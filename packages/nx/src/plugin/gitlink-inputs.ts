import { minimatch } from 'minimatch';
import type { TargetConfiguration } from '@nx/devkit';
import type { InferredProject } from './project-configs';

type Input = NonNullable<TargetConfiguration['inputs']>[number];
type NamedInputs = Record<string, Input[]>;

/**
 * Task inputs that see through git submodules.
 *
 * The root repository's git reports a change anywhere inside a submodule (a moved pointer, a dirty
 * or unrecorded checkout) as one path: the submodule's own path, the "gitlink". Nx 24 selects
 * affected *tasks* by matching changed paths against their inputs, and a glob such as
 * `{projectRoot}/**` never matches the directory itself. So every file-set input that can reach a
 * file inside a submodule gets that submodule's path beside it (`{workspaceRoot}/<path>`).
 *
 * Hashing is unchanged: the gitlink is a directory, which Nx's file map (files only) never holds,
 * while the files inside it stay covered by the original globs. Legacy (project-level) affected is
 * unchanged too. Applied to the plugin's own targets and named inputs and, per project, to the
 * workspace's named inputs from nx.json (`default`, `production`, …), so targets that use those
 * (user-defined targets, targetDefaults) see through submodules as well. Pure.
 */
export function addGitlinkInputs(
  projects: Record<string, InferredProject>,
  submodulePaths: readonly string[],
  workspaceNamedInputs: NamedInputs = {},
): void {
  // paths come from .gitmodules: only plain workspace-relative ones can be gitlinks of this repository
  const gitlinks = [...new Set(submodulePaths.map(normalize).filter((p) => p && p !== '.' && !p.startsWith('/') && !p.split('/').includes('..')))];
  if (!gitlinks.length) return;
  for (const project of Object.values(projects)) {
    const own: NamedInputs = { ...(project.namedInputs as NamedInputs | undefined) };
    for (const [name, inputs] of Object.entries(workspaceNamedInputs)) {
      if (own[name] || !Array.isArray(inputs)) continue;
      const extended = withGitlinks(inputs, project.root, gitlinks);
      if (extended !== inputs) own[name] = extended;
    }
    for (const [name, inputs] of Object.entries(own)) own[name] = withGitlinks(inputs, project.root, gitlinks);
    if (Object.keys(own).length) project.namedInputs = own;
    for (const target of Object.values(project.targets ?? {})) {
      if (Array.isArray(target.inputs)) target.inputs = withGitlinks(target.inputs as Input[], project.root, gitlinks);
    }
  }
}

/** `inputs` plus `{workspaceRoot}/<gitlink>` for each gitlink a positive file set can reach; the same array when none. */
export function withGitlinks(inputs: Input[], projectRoot: string, gitlinks: readonly string[]): Input[] {
  const present = new Set(inputs.map((i) => fileSetOf(i)).filter((f): f is string => f !== undefined));
  const added: string[] = [];
  for (const input of inputs) {
    const fileSet = fileSetOf(input);
    if (fileSet === undefined || fileSet.startsWith('!') || fileSet.startsWith('^')) continue;
    const pattern = resolve(fileSet, projectRoot);
    if (pattern === undefined) continue;
    for (const link of gitlinks) {
      const input = `{workspaceRoot}/${link}`;
      if (present.has(input) || added.includes(input)) continue;
      if (reaches(pattern, link)) added.push(input);
    }
  }
  return added.length ? [...inputs, ...added] : inputs;
}

/** Whether a workspace-relative glob can match a path inside (or at) `dir`. */
export function reaches(pattern: string, dir: string): boolean {
  if (pattern === dir || pattern.startsWith(`${dir}/`)) return true;
  return minimatch(dir, pattern, { dot: true, partial: true });
}

/** A file-set input's pattern (`{projectRoot}/…`, `{workspaceRoot}/…`, `{ fileset }`); undefined for named, env, runtime… inputs. */
function fileSetOf(input: Input): string | undefined {
  const raw = typeof input === 'string' ? input : 'fileset' in input && typeof input.fileset === 'string' ? input.fileset : undefined;
  if (raw === undefined) return undefined;
  const body = raw.replace(/^[!^]/, '');
  return body.startsWith('{projectRoot}') || body.startsWith('{workspaceRoot}') ? raw : undefined;
}

/** The pattern relative to the workspace root. */
function resolve(fileSet: string, projectRoot: string): string | undefined {
  const root = normalize(projectRoot);
  const path = fileSet
    .replace(/^\{workspaceRoot\}\/?/, '')
    .replace(/^\{projectRoot\}/, root === '.' || root === '' ? '' : root)
    .replace(/^\/+/, '');
  return path === '' ? '**' : path;
}

function normalize(path: string): string {
  return path.replace(/^\.\/+/, '').replace(/\/+$/, '');
}
