import { sameRepository } from '../model/git-url';
import { normalizeDistributionName } from '../model/names';
import { dirOf } from '../model/paths';
import type { UvIndex } from '../model/pyproject';
import { missingSubmoduleMessage } from '../model/submodule-directory';
import { diagnoseLockFile } from './diagnose-lock-file';
import { unreachableIndexClause } from './index-diagnosis';

/** What the plugin knows that uv's message does not say. */
export interface DiagnosisContext {
  /** The environment's pyproject (`staging/pyproject.toml`). */
  pyprojectFile: string;
  isDev: boolean;
  /** The environment's name for the commands (`staging`); the directory of pyprojectFile when not given. */
  environment?: string;
  /** Submodule paths registered in .gitmodules whose directory exists but is not checked out. */
  uninitialisedSubmodules: readonly string[];
  /** Submodules whose directory is gone (moved or deleted by hand), with the moved copy when one was found. */
  missingSubmodules?: ReadonlyArray<{ path: string; movedTo?: string; movedToIsMember?: boolean }>;
  /** The submodules of .gitmodules, to name the checkout of a remote. */
  submodules?: ReadonlyArray<{ path: string; url: string }>;
  /** Normalised names the environment's pyproject pins by git (undefined: not known). */
  gitPins?: readonly string[];
  /** The `[[tool.uv.index]]` entries of the environment's pyproject, to name an index uv could not reach. */
  indexes?: readonly UvIndex[];
}

/**
 * Turns the uv failures users of this layout meet into the fix, in one clause (or undefined when
 * uv's own output is the best explanation). Pure: fed with uv's stderr.
 */
export function diagnoseUvError(stderr: string, c: DiagnosisContext): string | undefined {
  const text = stderr.replace(/\x1b\[[0-9;]*m/g, ''); // eslint-disable-line no-control-regex
  const lockFile = diagnoseLockFile(text, dirOf(c.pyprojectFile));
  if (lockFile) return lockFile;
  const missing = c.missingSubmodules ?? [];
  const ws = /`([^`]+)` references a workspace in `tool\.uv\.sources`/.exec(text);
  if (ws) {
    const name = normalizeDistributionName(ws[1]);
    const named = (p: string) => normalizeDistributionName(p.split('/').pop() ?? '') === name;
    const gone = missing.filter((m) => named(m.path));
    const empty = c.uninitialisedSubmodules.filter(named);
    if (c.isDev) {
      if (gone.length) return missingClause(gone);
      if (empty.length) return uninitialisedClause(empty);
      if (missing.length) return missingClause(missing);
      if (c.uninitialisedSubmodules.length) return uninitialisedClause(c.uninitialisedSubmodules);
    } else {
      const pinned = gitPackage(text);
      const who = pinned
        ? `${pinned.name} (pinned by git in ${c.pyprojectFile})`
        : `a package pinned by git in ${c.pyprojectFile}`;
      return `${who} declares \`${ws[1]} = { workspace = true }\` in its own pyproject, which only works inside the workspace: move that source to the root pyproject (the root's sources apply to every member) and release the package again`;
    }
  }
  const member = /`([^`]+)` is included as a workspace member, but is missing an entry in `tool\.uv\.sources`/.exec(
    text,
  );
  if (member && c.isDev) {
    return `the workspace member ${member[1]} has no ${member[1]} = { workspace = true } in [tool.uv.sources] of pyproject.toml: run nx sync (it adds the sources and dependencies of every member) or add that line, then lock again`;
  }
  const tag = /failed to fetch tag `([^`]+)`/.exec(text);
  if (tag && /couldn't find remote ref/.test(text)) return missingTagClause(text, tag[1], c);
  const conflict = /Requirements contain conflicting URLs for package `([^`]+)`/.exec(text);
  if (conflict) {
    return `two packages ask for ${conflict[1]} at different git URLs or tags (a direct reference in a package and the pin in ${c.pyprojectFile}): pin it once in ${c.pyprojectFile} and add "${conflict[1]}" to [tool.uv] override-dependencies there, or release the packages with matching references`;
  }
  const index = unreachableIndexClause(text, c.indexes ?? [], c.pyprojectFile);
  if (index) return index;
  if (/Distribution not found at: file:/.test(text) || /Failed to read .*pyproject\.toml/.test(text)) {
    if (missing.length) return missingClause(missing);
    const hint = c.uninitialisedSubmodules.length
      ? `: run git submodule update --init ${c.uninitialisedSubmodules.join(' ')}`
      : '';
    return `a local package directory is missing or moved${hint}`;
  }
  return undefined;
}

function missingClause(gone: ReadonlyArray<{ path: string; movedTo?: string; movedToIsMember?: boolean }>): string {
  return gone.map((m) => missingSubmoduleMessage(m.path, m.movedTo, undefined, m.movedToIsMember ?? true)).join('; ');
}

function uninitialisedClause(paths: readonly string[]): string {
  const many = paths.length > 1;
  return `${paths.join(', ')} ${many ? 'are submodules' : 'is a submodule'} that ${many ? 'are' : 'is'} not initialised: run git submodule update --init ${paths.join(' ')}`;
}

/** `Failed to download and build `name @ git+<url>@<rev>#…`` → the package and its remote. */
function gitPackage(text: string): { name: string; url: string } | undefined {
  const m = /Failed to (?:download and )?build `([^`\s]+) @ git\+([^`#]+)@[^@`#]*(?:#[^`]*)?`/.exec(text);
  return m ? { name: normalizeDistributionName(m[1]), url: m[2] } : undefined;
}

function missingTagClause(text: string, tag: string, c: DiagnosisContext): string {
  const pkg = gitPackage(text);
  const fetched = /git fetch [^\n]*?'([^'\s]+)' '\+refs\/tags\//.exec(text)?.[1];
  const remote = fetched ?? pkg?.url;
  const what = `the tag ${tag}${pkg ? ` of ${pkg.name}` : ''} is not on ${pkg ? 'its remote' : 'the remote'}${remote ? ` ${remote}` : ''} (never pushed?)`;
  const sub =
    (remote ? c.submodules?.find((s) => sameRepository(s.url, remote)) : undefined) ??
    (pkg
      ? c.submodules?.find((s) => normalizeDistributionName(s.path.split('/').pop() ?? '') === pkg.name)
      : undefined);
  const push = `push it with git -C ${sub?.path ?? '<the package checkout>'} push origin ${tag}`;
  const env = c.environment ?? dirOf(c.pyprojectFile);
  const pinnedHere = pkg && !c.isDev && (c.gitPins === undefined || c.gitPins.includes(pkg.name));
  const other = pinnedHere
    ? `pin a tag that exists with nx g @mlws/nx:pin ${pkg.name} --env ${env} --tag <tag>`
    : `reference a tag that exists${pkg && c.gitPins && !c.gitPins.includes(pkg.name) ? ` (a package requires ${pkg.name} at ${tag})` : ` in ${c.pyprojectFile}`}`;
  return `${what}: ${push}, or ${other}`;
}

/**
 * The line of uv's stderr that says what went wrong (`error: …` or `× …`, with its `cause:` when
 * uv gives one), not the progress lines before it; else its first line.
 */
export function uvErrorLine(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim());
  const at = lines.findIndex((l) => /^(error:|×)/.test(l));
  if (at < 0) return lines.find(Boolean) ?? '';
  const head = lines[at].replace(/^(error:|×)\s*/, '');
  const cause = lines.slice(at + 1).find((l) => /^(cause:|╰─▶)/.test(l));
  return cause ? `${head.replace(/:$/, '')}: ${cause.replace(/^(cause:|╰─▶)\s*/, '')}` : head;
}

/**
 * uv refused `--locked` or `--check` because the lock no longer matches the pyprojects (or is
 * missing), in uv 0.13.8's words:
 *
 *   error: The lockfile at `uv.lock` needs to be updated, but `--locked` was provided.
 *   error: Unable to find lockfile at `uv.lock`, but `--locked` was provided. …
 */
export function isStaleLockError(stderr: string): boolean {
  return /needs to be updated, but `?--(locked|check)`? was provided|Unable to find lockfile at .*, but `?--locked`? was provided/.test(
    stderr,
  );
}
