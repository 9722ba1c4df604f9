/**
 * The distribution names a `uv.lock` lists (`[[package]]` tables, names as uv writes them:
 * normalised). What an environment installs, direct and transitive. Pure: fed with the lock text.
 */
export function lockedPackageNames(lockText: string): Set<string> {
  const names = new Set<string>();
  for (const m of lockText.matchAll(/^\[\[package\]\]\r?\nname = "([^"]+)"/gm)) names.add(m[1]);
  return names;
}
