import { Minimatch } from 'minimatch';
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
  const gitlinks = [
    ...new Set(
      submodulePaths.map(normalize).filter((p) => p && p !== '.' && !p.startsWith('/') && !p.split('/').includes('..')),
    ),
  ];
  if (!gitlinks.length) return;
  const index = new GitlinkIndex(gitlinks);
  for (const project of Object.values(projects)) {
    const own: NamedInputs = { ...(project.namedInputs as NamedInputs | undefined) };
    for (const [name, inputs] of Object.entries(workspaceNamedInputs)) {
      if (own[name] || !Array.isArray(inputs)) continue;
      const extended = withGitlinks(inputs, project.root, index);
      if (extended !== inputs) own[name] = extended;
    }
    for (const [name, inputs] of Object.entries(own)) own[name] = withGitlinks(inputs, project.root, index);
    if (Object.keys(own).length) project.namedInputs = own;
    for (const target of Object.values(project.targets ?? {})) {
      if (Array.isArray(target.inputs)) target.inputs = withGitlinks(target.inputs as Input[], project.root, index);
    }
  }
}

/**
 * The submodule paths a pattern reaches, each pattern compiled and answered once: at 1000
 * submodule packages every project has its own `{projectRoot}/**` (reaching one gitlink, found by
 * its literal prefix) and the dev environment has `packages/*` globs (one compiled glob, tested
 * against the gitlinks under `packages/`).
 */
export class GitlinkIndex {
  private readonly answers = new Map<string, readonly string[]>();
  private readonly sorted: readonly string[];
  private readonly set: ReadonlySet<string>;
  constructor(gitlinks: readonly string[]) {
    this.sorted = [...new Set(gitlinks)].sort();
    this.set = new Set(this.sorted);
  }

  reachedBy(pattern: string): readonly string[] {
    let answer = this.answers.get(pattern);
    if (!answer) {
      answer = this.compute(pattern);
      this.answers.set(pattern, answer);
    }
    return answer;
  }

  private compute(pattern: string): readonly string[] {
    const prefix = literalPrefix(pattern);
    // the literal prefix lies inside a submodule (or is one): the pattern reaches that one only
    // (.gitmodules of the root lists no submodule inside another)
    const segments = prefix === '' ? [] : prefix.split('/');
    for (let i = segments.length; i > 0; i--) {
      const dir = segments.slice(0, i).join('/');
      if (this.set.has(dir)) return [dir];
    }
    // otherwise only the submodules under the prefix can be reached: a sorted range, then the glob
    const under = this.under(prefix);
    if (!under.length || prefix === pattern) return under;
    const glob = new Minimatch(pattern, { dot: true, partial: true });
    return under.filter((l) => glob.match(l, true));
  }

  private under(prefix: string): string[] {
    if (prefix === '') return [...this.sorted];
    const start = `${prefix}/`;
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sorted[mid] < start) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (let i = lo; i < this.sorted.length && this.sorted[i].startsWith(start); i++) out.push(this.sorted[i]);
    return out;
  }
}

/** The leading path segments of a glob that hold no glob syntax (the whole pattern when it has none). */
function literalPrefix(pattern: string): string {
  const segments = pattern.split('/');
  const at = segments.findIndex((seg) => /[*?[\]{}()!+@]/.test(seg));
  return at < 0 ? pattern : segments.slice(0, at).join('/');
}

/** `inputs` plus `{workspaceRoot}/<gitlink>` for each gitlink a positive file set can reach; the same array when none. */
export function withGitlinks(inputs: Input[], projectRoot: string, index: GitlinkIndex): Input[] {
  const present = new Set(inputs.map((i) => fileSetOf(i)).filter((f): f is string => f !== undefined));
  const added = new Set<string>();
  for (const input of inputs) {
    const fileSet = fileSetOf(input);
    if (fileSet === undefined || fileSet.startsWith('!') || fileSet.startsWith('^')) continue;
    for (const link of index.reachedBy(resolve(fileSet, projectRoot))) {
      const gitlink = `{workspaceRoot}/${link}`;
      if (!present.has(gitlink)) added.add(gitlink);
    }
  }
  return added.size ? [...inputs, ...added] : inputs;
}

/** Whether a workspace-relative glob can match a path inside (or at) `dir`. */
export function reaches(pattern: string, dir: string): boolean {
  return new GitlinkIndex([dir]).reachedBy(pattern).length > 0;
}

/** A file-set input's pattern (`{projectRoot}/…`, `{workspaceRoot}/…`, `{ fileset }`); undefined for named, env, runtime… inputs. */
function fileSetOf(input: Input): string | undefined {
  const raw =
    typeof input === 'string'
      ? input
      : 'fileset' in input && typeof input.fileset === 'string'
        ? input.fileset
        : undefined;
  if (raw === undefined) return undefined;
  const body = raw.replace(/^[!^]/, '');
  return body.startsWith('{projectRoot}') || body.startsWith('{workspaceRoot}') ? raw : undefined;
}

/** The pattern relative to the workspace root. */
function resolve(fileSet: string, projectRoot: string): string {
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
