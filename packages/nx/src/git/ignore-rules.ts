import type { HiddenPath } from '../model/nx-visibility';
import type { GitClient } from './git-client';

/**
 * `git check-ignore -v -z --no-index` output → the hidden paths and their rules. With -z git
 * prints four NUL-terminated fields per path: source, line number, pattern, path.
 */
export function parseCheckIgnore(output: string): HiddenPath[] {
  const fields = output.split('\0');
  const result: HiddenPath[] = [];
  for (let i = 0; i + 3 < fields.length; i += 4) {
    const [source, line, pattern, path] = fields.slice(i, i + 4);
    // `-n` would print "::" for unmatched paths; without it every record has a source
    if (!source || !pattern) continue;
    result.push({ source, line: Number(line), pattern, path });
  }
  return result;
}

/**
 * The rules of the repository at `root` that ignore `paths` (workspace-relative), through git
 * itself: `--no-index` asks about the paths as files of the root, also where they lie inside a
 * submodule. Paths git does not ignore are absent. Not a repository (or no git): nothing.
 */
export async function hidingRules(git: GitClient, root: string, paths: readonly string[]): Promise<HiddenPath[]> {
  if (paths.length === 0) return [];
  const r = await git
    .run(['check-ignore', '-v', '-z', '--no-index', '--stdin'], {
      cwd: root,
      input: paths.map((p) => `${p}\0`).join(''),
      stream: false,
      timeoutMs: 10_000,
    })
    .catch(() => undefined);
  // exit 0: some ignored, 1: none, 128: not a repository
  if (!r || r.exitCode !== 0) return [];
  // -v also prints paths a negation (`!packages/*/.gitignore`) re-includes: those are not hidden
  return parseCheckIgnore(r.stdout).filter((h) => !h.pattern.startsWith('!'));
}

/**
 * The files the repository at `root` tracks that `pattern`, as an ignore line of its root
 * `.gitignore`, would match (`git ls-files --cached --ignored --exclude=<pattern>`), so that no
 * ignore line is ever added over a tracked path. Not a repository: none.
 */
export async function trackedPathsMatching(git: GitClient, root: string, pattern: string): Promise<string[]> {
  const r = await git
    .run(['ls-files', '-z', '--cached', '--ignored', `--exclude=${pattern}`], { cwd: root, stream: false })
    .catch(() => undefined);
  if (!r || r.exitCode !== 0) return [];
  return r.stdout.split('\0').filter(Boolean);
}
