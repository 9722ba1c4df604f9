import { sameRepository, uvGitUrl } from '../model/git-url';
import { normalizeDistributionName } from '../model/names';
import { parseRequirement } from '../model/requirement';
import { isTable } from '../model/uv-source';
import { appendToTomlArray, setTomlValue, TomlEditError, TomlValue } from '../toml';
import { parseToml } from '../vendor/smol-toml';
import { parseTomlDocument } from '../model/toml-document';

/** What to pin: `<name> = { git = <url>, tag = <tag>, subdirectory = "." }` in an environment's pyproject. */
export interface PinRequest {
  /** PEP 503-normalised name: the key of a new source and the new requirement. */
  name: string;
  url: string;
  tag: string;
}

export interface PinEdit {
  text: string;
  /** The source before (undefined: there was none). */
  before?: { key: string; url?: string; tag?: string };
  /** The URL written (an existing spelling of the same repository is kept). */
  url: string;
  addedRequirement: boolean;
}

export type PinEditResult = { ok: true; edit: PinEdit } | { ok: false; message: string };

/** Keys of a source entry that a git pin keeps; the others (path, rev, branch, …) go. */
const KEEP = new Set(['git', 'tag', 'subdirectory', 'marker', 'extra', 'group']);

/**
 * Pins a package in an environment's pyproject text, format-preserving: an existing git source
 * changes only its tag (and its URL when it names another repository, or is a spelling uv cannot
 * read); a new one is a new line
 * in `[tool.uv.sources]`; the requirement is added to `[project].dependencies` when missing.
 * Pure: `file` is only for messages.
 */
export function pinInEnvironment(text: string, file: string, req: PinRequest): PinEditResult {
  const parsed = parseTomlDocument(text, file);
  if (!parsed.ok) return parsed;
  const doc = parsed.doc;
  const sources = tableAt(doc, ['tool', 'uv', 'sources']);
  const key = Object.keys(sources).find((k) => normalizeDistributionName(k) === req.name);
  const existing = key === undefined ? undefined : sources[key];
  try {
    let out = text;
    let before: PinEdit['before'];
    // the one spelling uv accepts (a plain path or scp-like remote becomes file:// or ssh://)
    let url = uvGitUrl(req.url) ?? req.url;
    if (key !== undefined) {
      if (!isTable(existing)) {
        return {
          ok: false,
          message: `${file}: [tool.uv.sources].${key} is not a single table (several entries by extra or marker?): pin writes one git source, edit it by hand`,
        };
      }
      const oldUrl = typeof existing.git === 'string' ? existing.git : undefined;
      before = {
        key,
        ...(oldUrl ? { url: oldUrl } : {}),
        ...(typeof existing.tag === 'string' ? { tag: existing.tag } : {}),
      };
      // a pin keeps the spelling it has (https stays https when the remote is ssh), unless uv cannot read it
      if (oldUrl && sameRepository(oldUrl, req.url) && uvGitUrl(oldUrl) === oldUrl) url = oldUrl;
      // `set` replaces the value (only the differing tokens change): keep what a git pin keeps
      const value: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(existing)) if (KEEP.has(k)) value[k] = v;
      value.git = url;
      value.tag = req.tag;
      if (!oldUrl && value.subdirectory === undefined) value.subdirectory = '.';
      out = setTomlValue(out, ['tool', 'uv', 'sources', key], value as TomlValue);
    } else {
      out = setTomlValue(out, ['tool', 'uv', 'sources', req.name], { git: url, tag: req.tag, subdirectory: '.' });
    }
    const project = tableAt(doc, ['project']);
    const deps = Array.isArray(project.dependencies) ? project.dependencies : [];
    const has = deps.some((d) => typeof d === 'string' && parseRequirement(d)?.normalizedName === req.name);
    if (!has) out = appendToTomlArray(out, ['project', 'dependencies'], req.name);
    return { ok: true, edit: { text: out, ...(before ? { before } : {}), url, addedRequirement: !has } };
  } catch (e) {
    if (e instanceof TomlEditError) return { ok: false, message: `${file}: ${e.message}` };
    throw e;
  }
}

/** The git sources of an environment's pyproject: key → { url, tag? } (single-table git entries only). */
export function gitSourcesOf(
  text: string,
): Array<{ key: string; name: string; url: string; tag?: string; rev?: string; branch?: string }> {
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text) as Record<string, unknown>;
  } catch {
    return [];
  }
  const out = [];
  for (const [key, v] of Object.entries(tableAt(doc, ['tool', 'uv', 'sources']))) {
    if (!isTable(v) || typeof v.git !== 'string') continue;
    out.push({
      key,
      name: normalizeDistributionName(key),
      url: v.git,
      ...(typeof v.tag === 'string' ? { tag: v.tag } : {}),
      ...(typeof v.rev === 'string' ? { rev: v.rev } : {}),
      ...(typeof v.branch === 'string' ? { branch: v.branch } : {}),
    });
  }
  return out;
}

export function tableAt(doc: Record<string, unknown>, path: readonly string[]): Record<string, unknown> {
  let cur: unknown = doc;
  for (const k of path) cur = isTable(cur) ? cur[k] : undefined;
  return isTable(cur) ? cur : {};
}
