import { shellJoin } from '../process/shell-quote';

/**
 * A lock file uv cannot read (uv 0.13.8's messages), as one clause naming the lock and the fix:
 *
 *   error: Failed to parse `uv.lock`
 *     cause: TOML parse error at line 1, column 9
 *              |
 *            1 | <<<<<<< HEAD
 *              |         ^
 *            key with no value, expected `=`
 *   error: failed to read from file `/ws/uv.lock`: stream did not contain valid UTF-8
 *   error: failed to read from file `/ws/uv.lock`: Is a directory (os error 21)
 *   error: The lockfile at `uv.lock` uses an unsupported schema version (v99, but only v1 is supported). …
 *
 * uv names the lock `uv.lock` whatever the project, so the environment's directory (`envDir`, `.`
 * for dev) says which one. Pure; undefined when the error is not about the lock file.
 */
export function diagnoseLockFile(text: string, envDir: string): string | undefined {
  const lock = envDir === '.' ? 'uv.lock' : `${envDir}/uv.lock`;
  const relock = shellJoin(['uv', 'lock', ...(envDir === '.' ? [] : ['--project', envDir])]);
  const restore = shellJoin(['git', 'checkout', 'HEAD', '--', lock]);
  const aside = `${shellJoin(['mv', lock, `${lock}.broken`])} && ${relock}`;

  const parse =
    /Failed to parse `[^`]*uv\.lock`\s*\n\s*(?:cause: )?TOML parse error at line (\d+), column (\d+)([\s\S]*)/.exec(
      text,
    );
  if (parse) {
    const [, line, column, rest] = parse;
    const snippet = rest
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    const conflict = snippet.find((l) => /^\d+\s*\|\s*(<{7}|={7}|>{7})/.test(l));
    if (conflict) {
      return `${lock} has git merge-conflict markers (line ${line}: ${conflict.replace(/^\d+\s*\|\s*/, '').slice(0, 40)}): a lock is not merged by hand; take one side with ${restore} (or git checkout --theirs -- ${lock} while merging), then run ${relock} to take in both sides' changes`;
    }
    const detail = snippet.filter((l) => !/^\d*\s*\|/.test(l) && !/^\|/.test(l)).pop() ?? 'not a lock file';
    return `${lock} is damaged and uv cannot read it (line ${line}, column ${column}: ${detail}): restore the committed lock with ${restore}, or set it aside and lock afresh with ${aside}`;
  }
  const read = /failed to read from file `([^`]*uv\.lock)`: ([^\n]+)/i.exec(text);
  if (read) {
    const why = read[2].trim();
    if (/Is a directory/i.test(why))
      return `${lock} is a directory, not a lock file: move it aside (${shellJoin(['mv', lock, `${lock}.dir`])}), then run ${relock}`;
    if (/valid UTF-8/i.test(why))
      return `${lock} is not UTF-8 text (a binary or damaged file): restore the committed lock with ${restore}, or set it aside and lock afresh with ${aside}`;
    return `${lock} cannot be read (${why}): check its permissions, or restore it with ${restore}`;
  }
  const schema =
    /The lockfile at `[^`]*uv\.lock` uses an unsupported schema version \(v(\d+), but only v(\d+) is supported\)/.exec(
      text,
    );
  if (schema) {
    return `${lock} was written by a newer uv (lock schema v${schema[1]}; this uv reads v${schema[2]}): use the uv the workspace pins (or a newer one), or restore the committed lock with ${restore}`;
  }
  return undefined;
}
