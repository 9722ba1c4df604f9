import { setTomlValue } from '../toml';
import { normalizeDistributionName } from '../model/names';
import { ProcessCommand as Command, showCommand } from '../plan/command';
import { lockCommand } from '../plan/relock';
import {
  diffCommand,
  logCommand,
  nextDevCommitCommand,
  nextDevPushCommand,
  pointerCommand,
  pushCommand,
  releaseCommitCommand,
  rootAddCommand,
  rootCommitCommand,
  tagCommand,
} from './commands';
import { pinnedText } from './environments';
import { releaseCommitMessage } from './notes';
import { isDone, ReleaseState, StepId } from './state';
import { unifiedDiff } from './unified-diff';

/** The numbered steps of the issue (1 is the preflight) and the state steps each one covers. */
export const STEP_GROUPS: ReadonlyArray<{ n: number; steps: readonly StepId[] }> = [
  { n: 2, steps: ['changes'] },
  { n: 3, steps: ['bump'] },
  { n: 4, steps: ['commit', 'tag', 'push'] },
  { n: 5, steps: ['github'] },
  { n: 6, steps: ['pin', 'lock', 'root-commit'] },
  { n: 7, steps: ['next-dev', 'next-dev-push'] },
];

export const stepNumber = (step: StepId): number => STEP_GROUPS.find((g) => g.steps.includes(step))?.n ?? 0;

export interface PlanInput {
  state: ReleaseState;
  /** Text of a workspace-relative file (undefined: missing). */
  read: (file: string) => string | undefined;
  /** Commits since the last tag (fresh releases). */
  commitCount?: number;
  notesSource: string;
  notes: string;
  emptyTree?: string;
  githubApiUrl: string;
  /** Lines from the preflight (environments left alone, …). */
  notices: readonly string[];
  preflightLine?: string;
}

/**
 * What a release will do, as lines: the exact commands and file diffs of every step that is not
 * done yet. Pure — `--dry-run` prints it and nothing runs.
 */
export function describePlan(p: PlanInput): string[] {
  const s = p.state;
  const out: string[] = [];
  const todo = (step: StepId) => !isDone(s, step);
  const cmd = (c: Command | undefined) => c && out.push(`   ${showCommand(c)}`);
  const block = (text: string) => out.push(...text.split('\n').map((l) => `   ${l}`.trimEnd()));
  const pyprojectFile = `${s.packageRoot}/pyproject.toml`;

  if (p.preflightLine) out.push(`1. preflight: ${p.preflightLine}`);
  for (const n of p.notices) out.push(`   note: ${n}`);

  if (todo('changes')) {
    out.push(
      `2. changes since ${s.since ?? 'the first commit'}${p.commitCount !== undefined ? ` (${p.commitCount} commit${p.commitCount === 1 ? '' : 's'})` : ''}:`,
    );
    cmd(logCommand(s));
    out.push(`   ${showCommand(diffCommand(s, p.emptyTree))} > ${s.files.changes}`);
    out.push(`   write ${s.files.prompt} (a prompt for drafting the notes with an LLM)`);
    out.push(`   write ${s.files.notes} (the release notes: ${p.notesSource})`);
  }
  if (todo('bump')) {
    const before = p.read(pyprojectFile) ?? '';
    let after = before;
    try {
      after = setTomlValue(before, ['project', 'version'], s.version);
    } catch {
      /* the preflight reported it */
    }
    out.push(`3. bump [project].version ${s.from} → ${s.version}:`);
    block(unifiedDiff(pyprojectFile, before, after) || '(no change)');
  }
  if (todo('commit') || todo('tag') || todo('push')) {
    out.push(`4. commit, tag and push ${s.packageRoot}:`);
    if (todo('commit')) {
      out.push(
        `   write ${s.files.commitMessage} and ${s.files.tagMessage}: "${releaseCommitMessage(s.distribution, s.version, p.notes).split('\n')[0]}" + the notes`,
      );
      cmd(releaseCommitCommand(s));
    }
    if (todo('tag')) cmd(tagCommand(s));
    if (todo('push')) cmd(pushCommand(s));
    if (todo('push') && !s.push)
      out.push('   (--push=false: the release stops before the push; --resume pushes and goes on)');
  }
  if (todo('github')) {
    if (!s.githubRepository) out.push('5. GitHub release: skipped (--github-release=false)');
    else {
      const url = `${p.githubApiUrl}/repos/${s.githubRepository}/releases`;
      out.push(`5. GitHub ${s.prerelease ? 'pre-release' : 'release'} on ${s.githubRepository}:`);
      out.push(`   GET ${url}/tags/${encodeURIComponent(s.tag)} (an existing release of the tag is kept)`);
      out.push(
        `   POST ${url} ${JSON.stringify({ tag_name: s.tag, name: `${s.distribution} ${s.version}`, body: p.notes, prerelease: s.prerelease, draft: false })}`,
      );
      out.push('   (token from GITHUB_TOKEN or GH_TOKEN; never printed)');
    }
  }
  if (todo('pin') || todo('lock') || todo('root-commit')) {
    const envs = s.environments.map((e) => e.name);
    out.push(
      `6. root: ${envs.length ? `pin ${envs.join(' and ')} to ${s.tag}, ` : ''}${s.relock.length ? 'relock, ' : ''}move ${s.packageRoot}, commit only these files:`,
    );
    if (todo('pin')) {
      for (const e of s.environments) {
        const before = p.read(e.file) ?? '';
        const r = pinnedText(before, e.file, normalizeDistributionName(s.distribution), s.remoteUrl, s.tag);
        block(r.ok ? unifiedDiff(e.file, before, r.text) || `${e.file}: already pinned to ${s.tag}` : r.message);
      }
    }
    if (todo('lock')) for (const l of s.relock) cmd(lockCommand(l));
    if (todo('root-commit')) {
      cmd(pointerCommand(s));
      cmd(rootAddCommand(s));
      out.push(`   write ${s.files.rootMessage}`);
      cmd(rootCommitCommand(s));
    }
  }
  if (todo('next-dev') || todo('next-dev-push')) {
    if (!s.nextDev) out.push('7. next dev cycle: not asked (--next-dev opens it after a final release)');
    else {
      out.push(`7. next dev cycle ${s.version} → ${s.nextDev}:`);
      if (todo('next-dev')) {
        const released = setTomlValue(p.read(pyprojectFile) ?? '', ['project', 'version'], s.version);
        block(unifiedDiff(pyprojectFile, released, setTomlValue(released, ['project', 'version'], s.nextDev)));
        out.push(`   write ${s.files.nextDevMessage}`);
        cmd(nextDevCommitCommand(s));
      }
      if (todo('next-dev-push')) cmd(nextDevPushCommand(s));
    }
  }
  return out;
}
