import { minimatch } from 'minimatch';
import { PYTHON_TOOL_STATE } from './tool-state';

/**
 * Members hidden from Nx by an ignore rule. Repositories of submodules often ignore the packages'
 * contents at the root (`packages/*\/*`, `packages/**`, `.git/info/exclude`, a `packages/.gitignore`)
 * so the root never stages package files; git itself never looks into a submodule through the
 * root's rules, but Nx's file walker applies them, so it sees neither the members' pyprojects nor
 * their sources. `.nxignore` is read by Nx only and wins over every git ignore file: a block there
 * re-includes the members for Nx, leaving git's behaviour as it was.
 */

/** The rule that hides a path, as `git check-ignore -v` names it. */
export interface IgnoreRule {
  /** `.gitignore`, `packages/.gitignore`, `.git/info/exclude`, or an absolute path (core.excludesFile). */
  source: string;
  line: number;
  pattern: string;
}

export interface HiddenPath extends IgnoreRule {
  path: string;
}

export const NXIGNORE_BEGIN =
  '# >>> @mlws/nx: uv workspace members a git ignore rule hides, shown to Nx (git is unchanged); Python tool state stays hidden';
export const NXIGNORE_END = '# <<< @mlws/nx';

/**
 * Tool state kept out of Nx's view inside re-included members: Python's (a `reports/` a package
 * tracks is not tool state) and the other tools' directories a package ignores.
 */
const HIDDEN_TOOL_STATE = [...PYTHON_TOOL_STATE, 'node_modules', '.tox', '.nox'];

/** Nx reads the repository's own ignore files (and `.nxignore`), not git's per-user `core.excludesFile`. */
export function nxReadsSource(source: string): boolean {
  return !source.startsWith('/') && !source.startsWith('~') && !/^[A-Za-z]:[\\/]/.test(source);
}

/** A workspace-relative path as a literal gitignore pattern (`[`, `*`, `?`, `!`, `#`, `\` and trailing spaces escaped). */
export function escapeIgnorePattern(path: string): string {
  return path.replace(/[\\*?[\]!#]/g, (c) => `\\${c}`).replace(/ +$/, (s) => s.replace(/ /g, '\\ '));
}

/**
 * The `.nxignore` scopes that re-include `hiddenDirs`: a `members` glob of plain characters
 * (`packages/*`) when it matches one of them — members added later under it are covered too —
 * else the directory itself, escaped.
 */
export function nxignoreScopes(hiddenDirs: readonly string[], memberGlobs: readonly string[]): string[] {
  const scopes: string[] = [];
  const covered = new Set<string>();
  for (const raw of memberGlobs) {
    const glob = raw.replace(/^\.\//, '').replace(/\/+$/, '');
    if (!/^[A-Za-z0-9._*/-]+$/.test(glob) || glob.includes('**') || glob.split('/').includes('..')) continue;
    const matched = hiddenDirs.filter((d) => minimatch(d, glob, { dot: true }));
    if (matched.length === 0) continue;
    scopes.push(glob);
    for (const d of matched) covered.add(d);
  }
  for (const d of hiddenDirs) if (!covered.has(d)) scopes.push(escapeIgnorePattern(d));
  return scopes;
}

/**
 * The block: each scope re-included — its directories from the top (a rule like `packages/**`
 * hides the member directory itself, and Nx never walks into a hidden directory), then its
 * contents — and the Python tool state inside it hidden again.
 */
export function nxignoreBlock(scopes: readonly string[]): string[] {
  return [
    NXIGNORE_BEGIN,
    ...reincludeLines(scopes),
    ...scopes.flatMap((s) => HIDDEN_TOOL_STATE.map((x) => `/${s}/**/${x}/`)),
    NXIGNORE_END,
  ];
}

/** The negations that re-include the scopes: their directories from the top, then their contents. */
export function reincludeLines(scopes: readonly string[]): string[] {
  const dirs = new Set<string>();
  for (const s of scopes) {
    const parts = s.split('/');
    for (let i = 1; i <= parts.length; i++) dirs.add(`!/${parts.slice(0, i).join('/')}/`);
  }
  return [...dirs, ...scopes.map((s) => `!/${s}/**`)];
}

/**
 * `.nxignore` with the block: an earlier block of the plugin replaced in place, else the block put
 * first, so that the user's own lines after it still win (last match wins). Every other byte kept.
 */
export function withNxignoreBlock(current: string, block: readonly string[]): string {
  const text = `${block.join('\n')}\n`;
  const begin = current.indexOf(NXIGNORE_BEGIN.slice(0, NXIGNORE_BEGIN.indexOf(':')));
  const endAt = begin >= 0 ? current.indexOf(NXIGNORE_END, begin) : -1;
  if (begin >= 0 && endAt >= 0 && (begin === 0 || current[begin - 1] === '\n')) {
    const lineEnd = current.indexOf('\n', endAt);
    return `${current.slice(0, begin)}${text}${lineEnd < 0 ? '' : current.slice(lineEnd + 1)}`;
  }
  return `${text}${current}`;
}

/** `.gitignore:12 (packages/*\/*)`. */
export function describeRule(rule: IgnoreRule): string {
  return `${rule.source}:${rule.line} (${rule.pattern})`;
}

/**
 * The problem line of members hidden from Nx, grouped by the rule that hides them (`rule`
 * undefined: git names none, so `.nxignore` or git's per-user excludes file hides them).
 */
export function hiddenMembersMessage(
  dirs: readonly string[],
  rule: IgnoreRule | undefined,
  scopes: readonly string[],
): string {
  const what =
    dirs.length === 1 ? `${dirs[0]} is a uv workspace member` : `${dirs.join(', ')} are uv workspace members`;
  const by = rule ? `${describeRule(rule)}` : 'an ignore rule (.nxignore, or the core.excludesFile of git)';
  return (
    `${what} that Nx does not see: ${by} hides ${dirs.length === 1 ? 'its' : 'their'} files from Nx, ` +
    `so Nx finds no pyproject.toml and no sources there: run nx g @mlws/nx:init (it re-includes them for Nx in .nxignore; git is unchanged), ` +
    `or put these lines in .nxignore: ${reincludeLines(scopes).join(' ')}`
  );
}
