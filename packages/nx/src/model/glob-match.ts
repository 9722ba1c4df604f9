import { Minimatch } from 'minimatch';

const compiled = new Map<string, Minimatch>();

/**
 * `minimatch(path, pattern, { dot: true, partial })` with each pattern compiled once per process:
 * the member-glob walks of inference test every directory they visit against the same few globs,
 * and minimatch compiles its pattern on every call. Pure (the cache only saves work).
 */
export function globMatch(path: string, pattern: string, partial = false): boolean {
  let mm = compiled.get(pattern);
  if (!mm) {
    mm = new Minimatch(pattern, { dot: true, partial: true });
    compiled.set(pattern, mm);
  }
  return mm.match(path, partial);
}
