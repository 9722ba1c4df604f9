/**
 * What changed since the last version tag, as text: the commit summary that is the default
 * release notes, the prompt for drafting notes with an LLM, and the commit/tag messages. Pure.
 */
export interface Commit {
  sha: string;
  subject: string;
}

/** `git log` format read by {@link parseLog}: sha, unit separator, subject, record separator. */
export const LOG_FORMAT = '--format=%H%x1f%s%x1e';

export function parseLog(out: string): Commit[] {
  return out
    .split('\x1e')
    .map((r) => r.replace(/^\n+/, ''))
    .filter((r) => r.includes('\x1f'))
    .map((r) => {
      const [sha, subject] = r.split('\x1f');
      return { sha: sha.trim(), subject: subject.trim() };
    });
}

export interface ReleaseText {
  /** Distribution name as written in the pyproject. */
  distribution: string;
  version: string;
  tag: string;
  /** The tag the changes are counted from (undefined: the first release). */
  since?: string;
  commits: readonly Commit[];
}

/** Default notes: one bullet per commit since the last tag, oldest first (the release's own version commits left out). */
export function commitSummary(t: ReleaseText): string {
  const from = t.since ? `since ${t.since}` : 'in the history';
  const own = (c: Commit) =>
    c.subject.startsWith(`Release ${t.distribution} `) ||
    (c.subject.startsWith('Open the ') && c.subject.includes(` dev cycle of ${t.distribution} (`));
  const commits = t.commits.filter((c) => !own(c));
  if (commits.length === 0)
    return `No commits ${from}${t.commits.length ? ' besides versioning' : ''}: this release only sets the version to ${t.version}.\n`;
  const lines = [...commits].reverse().map((c) => `- ${c.subject} (${c.sha.slice(0, 7)})`);
  return `Changes ${from}:\n\n${lines.join('\n')}\n`;
}

/** The prompt file: how to turn changes.diff into release notes, and the command that uses them. */
export function notesPrompt(
  t: ReleaseText & { diffFile: string; notesFile: string; command: string; diffLines: number },
): string {
  const kind = /(dev|a|b|rc)\d+$/.test(t.version)
    ? 'a dev/pre-release, published as a GitHub pre-release'
    : 'a final release';
  return [
    `# Release notes for ${t.distribution} ${t.version}`,
    '',
    `Draft the release notes of ${t.distribution} ${t.version} (${kind}), tag ${t.tag}.`,
    `What changed ${t.since ? `since ${t.since}` : 'since the beginning'}: ${t.commits.length} commit(s), listed below; the full diff`,
    `(${t.diffLines} lines) is ${t.diffFile}.`,
    '',
    'Write Markdown for the users of the package: a one-line summary, then bullet points under',
    '"Added", "Changed" and "Fixed" (leave out empty sections). Name public functions and options as',
    'they appear in the code. Do not invent changes that are not in the diff.',
    '',
    `Save the notes as ${t.notesFile} and release with them:`,
    '',
    `    ${t.command}`,
    '',
    '## Commits',
    '',
    ...(t.commits.length ? [...t.commits].reverse().map((c) => `- ${c.sha.slice(0, 7)} ${c.subject}`) : ['(none)']),
    '',
  ].join('\n');
}

export function releaseCommitMessage(distribution: string, version: string, notes: string): string {
  return `Release ${distribution} ${version}\n\n${notes.trim()}\n`;
}

export function tagMessage(distribution: string, version: string, notes: string): string {
  return `${distribution} ${version}\n\n${notes.trim()}\n`;
}

export function rootCommitMessage(o: {
  distribution: string;
  version: string;
  tag: string;
  packageRoot: string;
  pinned: readonly string[];
  relocked: readonly string[];
}): string {
  const what = o.pinned.length ? `pin ${o.pinned.join(' and ')} to ${o.tag}` : `move ${o.packageRoot} to ${o.tag}`;
  const body = [
    `- ${o.packageRoot}: submodule at ${o.tag}`,
    ...o.pinned.map((e) => `- ${e}: ${o.distribution} pinned to ${o.tag}`),
    ...(o.relocked.length ? [`- relocked: ${o.relocked.join(', ')}`] : []),
  ];
  return `Release ${o.distribution} ${o.version}: ${what}\n\n${body.join('\n')}\n`;
}

export function nextDevCommitMessage(distribution: string, next: string): string {
  return `Open the ${next.replace(/\.dev\d+$/, '')} dev cycle of ${distribution} (${next})\n`;
}
