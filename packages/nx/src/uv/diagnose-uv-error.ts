import { normalizeDistributionName } from '../model/names';

/** What the plugin knows that uv's message does not say. */
export interface DiagnosisContext {
  /** The environment's pyproject (`staging/pyproject.toml`). */
  pyprojectFile: string;
  isDev: boolean;
  /** Submodule paths registered in .gitmodules whose directory has no pyproject.toml. */
  uninitialisedSubmodules: readonly string[];
}

/**
 * Turns the uv failures users of this layout meet into the fix, in one clause (or undefined when
 * uv's own output is the best explanation). Pure: fed with uv's stderr.
 */
export function diagnoseUvError(stderr: string, c: DiagnosisContext): string | undefined {
  const text = stderr.replace(/\x1b\[[0-9;]*m/g, ''); // eslint-disable-line no-control-regex
  const ws = /`([^`]+)` references a workspace in `tool\.uv\.sources`/.exec(text);
  if (ws) {
    const name = normalizeDistributionName(ws[1]);
    const missing = c.uninitialisedSubmodules.filter((p) => normalizeDistributionName(p.split('/').pop() ?? '') === name);
    const candidates = missing.length ? missing : c.uninitialisedSubmodules;
    if (c.isDev && candidates.length) {
      return `${candidates.join(', ')} ${candidates.length > 1 ? 'are submodules' : 'is a submodule'} that ${candidates.length > 1 ? 'are' : 'is'} not initialised: run git submodule update --init ${candidates.join(' ')}`;
    }
    if (!c.isDev) {
      return `a package pinned by git in ${c.pyprojectFile} declares \`${ws[1]} = { workspace = true }\` in its own pyproject, which only works inside the workspace: move that source to the root pyproject (the root's sources apply to every member) and release the package again`;
    }
  }
  const conflict = /Requirements contain conflicting URLs for package `([^`]+)`/.exec(text);
  if (conflict) {
    return `two packages ask for ${conflict[1]} at different git URLs or tags (a direct reference in a package and the pin in ${c.pyprojectFile}): pin it once in ${c.pyprojectFile} and add "${conflict[1]}" to [tool.uv] override-dependencies there, or release the packages with matching references`;
  }
  if (/Distribution not found at: file:/.test(text) || /Failed to read .*pyproject\.toml/.test(text)) {
    const hint = c.uninitialisedSubmodules.length ? `: run git submodule update --init ${c.uninitialisedSubmodules.join(' ')}` : '';
    return `a local package directory is missing or moved${hint}`;
  }
  return undefined;
}
