/**
 * Git ref names (tags, branches, remotes) checked the way `git check-ref-format` does, in the
 * model, before anything is created or passed to git. Pure: each check returns the reason a name
 * is refused, or undefined when git would accept it. Stricter than git in one way: a name never
 * starts with "-", so no value can ever reach git as an option.
 *
 * The rules (git-check-ref-format(1)), for the part after `refs/tags/` or `refs/heads/`:
 *   1. no component starts with "." or ends with ".lock"
 *   3. no ".."
 *   4. no control characters (below 0x20, 0x7f), space, "~", "^", ":"
 *   5. no "?", "*", "["
 *   6. does not start or end with "/", no "//"
 *   7. does not end with "."
 *   8. no "@{"
 *   9. is not "@" (git applies it to the whole ref; a tag "@" would read as HEAD, so it is refused)
 *  10. no "\"
 */

/** Why git would refuse `name` as a ref name below `refs/<kind>/`, or undefined when it is valid. */
export function refNameProblem(name: string): string | undefined {
  if (name === '') return 'it is empty';
  if (name.startsWith('-')) return 'it starts with "-" (git would read it as an option)';
  // eslint-disable-next-line no-control-regex
  const control = /[\x00-\x1f\x7f]/.exec(name);
  if (control) return `it contains the control character \\x${control[0].charCodeAt(0).toString(16).padStart(2, '0')}`;
  if (name.includes(' ')) return 'it contains a space';
  const forbidden = /[~^:?*[\\]/.exec(name);
  if (forbidden) return `it contains "${forbidden[0]}"`;
  if (name.includes('..')) return 'it contains ".."';
  if (name.includes('@{')) return 'it contains "@{"';
  if (name === '@') return 'it is "@"';
  if (name.startsWith('/')) return 'it starts with "/"';
  if (name.endsWith('/')) return 'it ends with "/"';
  if (name.includes('//')) return 'it contains "//"';
  if (name.endsWith('.')) return 'it ends with "."';
  for (const part of name.split('/')) {
    if (part.startsWith('.')) return `a part of it starts with "." (${part})`;
    if (part.endsWith('.lock')) return `a part of it ends with ".lock" (${part})`;
  }
  return undefined;
}

/**
 * A tag prefix (`v`, `release-`, `pkg/v`, or empty) must be a valid ref name on its own, and every
 * tag made from it (prefix + a PEP 440 version) must be one too. The release pins its tags in the
 * environments and uv writes them into git URLs (`…@<tag>#subdirectory=.`), so beyond git's rules
 * a prefix keeps to the characters `nx g @mlws/nx:pin` takes: letters, digits, ".", "_", "+", "-", "/".
 */
export function tagPrefixProblem(prefix: string): string | undefined {
  if (prefix === '') return undefined;
  const git = refNameProblem(prefix) ?? refNameProblem(`${prefix}0.1.0`);
  if (git) return git;
  const other = /[^A-Za-z0-9._+\-/]/.exec(prefix);
  return other
    ? `it contains "${other[0]}", which the pins and uv's git URLs do not take (letters, digits, ".", "_", "+", "-", "/")`
    : undefined;
}

/** A branch name as `git branch` takes it: a ref name, and not `HEAD`. */
export function branchNameProblem(name: string): string | undefined {
  if (name === 'HEAD') return 'it is "HEAD"';
  return refNameProblem(name);
}

/** A remote name as `git remote add` takes it (a ref name component of `refs/remotes/<name>/…`). */
export function remoteNameProblem(name: string): string | undefined {
  return refNameProblem(name) ?? refNameProblem(`${name}/x`);
}

/** A name quoted for a one-line message: control characters (and DEL) shown as escapes. */
export function quoteRefName(name: string): string {
  // eslint-disable-next-line no-control-regex
  return `"${name.replace(/[\x00-\x1f\x7f"\\]/g, (c) => (c === '"' || c === '\\' ? `\\${c}` : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`))}"`;
}

/** Where the tag prefix came from, for the fix in the message. */
export type TagPrefixSource = '--tag-prefix' | 'nx.json';

/** One line when the tag prefix cannot start a git tag, or undefined. */
export function tagPrefixMessage(prefix: string, source: TagPrefixSource = '--tag-prefix'): string | undefined {
  const why = tagPrefixProblem(prefix);
  if (!why) return undefined;
  const where =
    source === 'nx.json'
      ? `the tagPrefix option of @mlws/nx in nx.json (${quoteRefName(prefix)})`
      : `--tag-prefix ${quoteRefName(prefix)}`;
  const fix =
    source === 'nx.json'
      ? 'set "tagPrefix" in nx.json to e.g. "v" or "pkg/v"'
      : 'pass e.g. --tag-prefix v or --tag-prefix pkg/v';
  return `${where} cannot start a git tag: ${why} (git check-ref-format rules); ${fix}`;
}
