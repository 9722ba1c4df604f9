import { statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

/**
 * Which uv program would run, and which build of it (path, size, mtime), found without starting
 * a process: the cheap stand-in for `uv --version` in the "already synced?" check.
 */
export function uvIdentity(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const program = env.UV?.trim() || 'uv';
  const candidates =
    isAbsolute(program) || program.includes('/')
      ? [program]
      : (env.PATH ?? '')
          .split(delimiter)
          .filter(Boolean)
          .map((d) => join(d, program));
  for (const c of candidates) {
    try {
      const s = statSync(c);
      if (s.isFile()) return `${c}:${s.size}:${s.mtimeMs}`;
    } catch {
      // not here
    }
  }
  return undefined;
}
