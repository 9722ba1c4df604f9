import { posix } from 'node:path';
import type { Submodule } from './gitmodules';
import { normalizeWorkspacePath } from './paths';

/**
 * The rules for paths and names read from files (.gitmodules, members globs, options): where a
 * path may point before anything is deleted or written there. Pure; the file-system half (real
 * paths, symlinks) is fs/contained.ts, which every deletion and write of such a path goes through.
 */

const SEP = /[\\/]/;
/** One path component no file system takes (NAME_MAX is 255 bytes on Linux, macOS and Windows). */
const NAME_MAX = 255;

/**
 * Why git would refuse a submodule name (git's check_submodule_name, "ignoring suspicious
 * submodule name"), plus what would put `.git/modules/<name>` anywhere else: undefined when fine.
 */
export function submoduleNameProblem(name: string): string | undefined {
  const parts = name.split(SEP);
  if (name === '') return 'is empty';
  if (parts.includes('..')) return 'has a ".." part';
  if (/^[\\/]/.test(name) || /^[A-Za-z]:/.test(name)) return 'is an absolute path';
  if (hasControl(name)) return 'has a control character';
  if (parts.some((p) => p.toLowerCase() === '.git')) return 'has a ".git" part';
  if (parts.some((p) => Buffer.byteLength(p) > NAME_MAX)) return `has a part longer than ${NAME_MAX} bytes`;
  return undefined;
}

/** Why git would refuse a submodule path (outside the work tree, inside `.git`, read as an option): undefined when fine. */
export function submodulePathProblem(path: string): string | undefined {
  if (path === '') return 'is empty';
  if (path.startsWith('-')) return 'starts with "-" (git would read it as an option)';
  if (/^[\\/]/.test(path) || /^[A-Za-z]:/.test(path)) return 'is an absolute path';
  const parts = path.split(SEP);
  if (parts.includes('..')) return 'has a ".." part';
  if (parts.some((p) => p.toLowerCase() === '.git')) return 'has a ".git" part';
  if (hasControl(path)) return 'has a control character';
  if (parts.some((p) => Buffer.byteLength(p) > NAME_MAX)) return `has a part longer than ${NAME_MAX} bytes`;
  if (normalizeWorkspacePath(path) === '.') return 'is the workspace root';
  return undefined;
}

/** The one line for a `.gitmodules` section git ignores, or undefined when it is fine. */
export function unsafeSubmoduleMessage(s: Pick<Submodule, 'name' | 'path'>): string | undefined {
  const name = submoduleNameProblem(s.name);
  if (name) {
    return `.gitmodules: the submodule name "${short(s.name)}" ${name}, so git ignores it ("ignoring suspicious submodule name") and @mlws/nx never acts on it: rename the section to [submodule "${safeName(s.path)}"] in .gitmodules, then run git submodule update --init -- ${safeName(s.path)}`;
  }
  const path = submodulePathProblem(s.path);
  if (path) {
    return `.gitmodules: the path "${short(s.path)}" of submodule "${short(s.name)}" ${path}, so it is outside the workspace for git and @mlws/nx: set path = <directory inside the workspace> in .gitmodules, or delete the section`;
  }
  return undefined;
}

/** A members/exclude glob that reaches outside the workspace (`../*`, `/etc/*`): the problem line, or undefined. */
export function memberGlobProblem(glob: string, file = 'pyproject.toml'): string | undefined {
  const g = glob.replace(/\\/g, '/');
  if (!posix.isAbsolute(g) && !/^[A-Za-z]:/.test(g) && normalizeWorkspacePath(g) !== undefined) return undefined;
  return `${file}: [tool.uv.workspace] members entry "${short(glob)}" leaves the workspace, so @mlws/nx leaves it out of the graph while uv still locks what it matches: use a path inside the workspace (e.g. "packages/*") or remove the entry`;
}

/** Every problem of this kind in the root's workspace table and `.gitmodules` (for the model's problem lines). */
export function containmentProblems(members: readonly string[], submodules: readonly Submodule[]): string[] {
  const globs = members.map((m) => memberGlobProblem(m)).filter((m): m is string => !!m);
  const modules = submodules.map((s) => unsafeSubmoduleMessage(s)).filter((m): m is string => !!m);
  return [...globs, ...modules];
}

/** Whether `child` is `parent` or below it (both normalised workspace-relative or both absolute POSIX). */
export function isSameOrInside(parent: string, child: string): boolean {
  return parent === '.' || child === parent || child.startsWith(parent.endsWith('/') ? parent : `${parent}/`);
}

/**
 * A build output directory (from `outputPath`, relative to the workspace root): inside the
 * workspace, not its root, no `.git` part, and neither a project's root nor an ancestor of one.
 * Returns the normalised directory, or why it is refused.
 */
export function checkOutputDir(
  outputPath: string,
  projectRoots: readonly string[],
): { ok: true; dir: string } | { ok: false; reason: string } {
  const raw = outputPath.replace(/\\/g, '/');
  const dir = posix.isAbsolute(raw) || /^[A-Za-z]:/.test(raw) ? undefined : normalizeWorkspacePath(raw);
  if (dir === undefined) return { ok: false, reason: `"${outputPath}" is outside the workspace` };
  if (dir === '.') return { ok: false, reason: `"${outputPath}" is the workspace root` };
  if (dir.split('/').some((p) => p.toLowerCase() === '.git'))
    return { ok: false, reason: `"${outputPath}" is inside .git` };
  const holds = projectRoots
    .map((r) => normalizeWorkspacePath(r))
    .find((r) => r !== undefined && r !== '.' && isSameOrInside(dir, r));
  if (holds !== undefined) {
    return {
      ok: false,
      reason:
        holds === dir
          ? `"${outputPath}" is the project root ${holds}`
          : `"${outputPath}" holds the project root ${holds}`,
    };
  }
  return { ok: true, dir };
}

/** PEP 503 normalisation as wheel and sdist file names spell it (PEP 427/625): runs of `-_.` → `_`, lower case. */
function fileNameDistribution(name: string): string {
  return name.replace(/[-_.]+/g, '_').toLowerCase();
}

/**
 * Whether `fileName` is a wheel or sdist of the distribution `distribution` (any version), by the
 * wheel and sdist file name rules — the only files a build cleans from its output directory.
 */
export function isDistributionFile(fileName: string, distribution: string): boolean {
  const wheel = /^([^-]+)-\d[^-]*(?:-\d[^-]*)?-[^-]+-[^-]+-[^-]+\.whl$/.exec(fileName);
  const sdist = /^(.+)-\d[^-]*\.(?:tar\.gz|zip)$/.exec(fileName);
  const dist = wheel?.[1] ?? sdist?.[1];
  return dist !== undefined && fileNameDistribution(dist) === fileNameDistribution(distribution);
}

function hasControl(v: string): boolean {
  return [...v].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
}

function safeName(path: string): string {
  return normalizeWorkspacePath(path) ?? '<path>';
}

/** A value quoted in a message, cut short (a 300-character name stays one readable line). */
function short(v: string): string {
  return v.length > 80 ? `${v.slice(0, 77)}...` : v;
}
