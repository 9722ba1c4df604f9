import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { uvErrorLine } from '../uv/diagnose-uv-error';
import { GithubApiError, githubApiUrlProblem, githubSettings } from '../github/github-client';
import { parseGithubRepository } from '../github/github-repository';
import { normalizeDistributionName } from '../model/names';
import { redactUrlsIn } from '../model/redact-url';
import { shellJoin } from '../process/shell-quote';
import { setTomlValue } from '../toml';
import { diagnoseLockFailure } from '../uv/diagnosis-context';
import { parseToml } from '../vendor/smol-toml';
import {
  Command,
  diffCommand,
  lockCommand,
  nextDevCommitCommand,
  nextDevPushCommand,
  pointerCommand,
  pushCommand,
  releaseCommitCommand,
  rootAddCommand,
  rootCommitCommand,
  rootFiles,
  showCommand,
  tagCommand,
} from './commands';
import type { ReleaseDeps } from './deps';
import { pinnedText } from './environments';
import { nextDevCommitMessage, notesPrompt, releaseCommitMessage, rootCommitMessage, tagMessage } from './notes';
import { stepNumber } from './plan';
import * as repo from './repo-inspect';
import { isComplete, isDone, removeState, ReleaseState, STEP_TITLES, StepId, STEPS, writeState } from './state';

/** A step that failed: the message is one line. */
export class StepError extends Error {}

export interface RunInput {
  root: string;
  state: ReleaseState;
  deps: ReleaseDeps;
  /** The command that continues this release (`nx run x:release --resume`). */
  resumeCommand: string;
  /** Fresh release only: the notes, the commits and the base of the diff (step 2). */
  fresh?: {
    notes: string;
    commits: ReadonlyArray<{ sha: string; subject: string }>;
    emptyTree?: string;
    notesFile?: string;
  };
}

export interface RunOutcome {
  success: boolean;
  /** Where it stopped, when it did not complete. */
  stoppedAt?: StepId;
}

/**
 * Runs the steps that are not done, in order. Until the release commit exists a failure puts the
 * pyproject back and removes the state (nothing happened); from then on the state file records
 * each finished step, a failure is reported as done / not done, and `--resume` continues.
 */
export async function runRelease(input: RunInput): Promise<RunOutcome> {
  const { root, state: s, deps } = input;
  const say = (step: StepId | undefined, line: string) =>
    deps.log(`@mlws/nx: ${step ? `${stepNumber(step)}/7 ` : ''}${line}`);
  const pkgAbs = repo.abs(root, s.packageRoot);
  const pyprojectAbs = join(pkgAbs, 'pyproject.toml');
  let pyprojectBefore: string | undefined;
  const save = () => writeState(root, s, deps.now());

  /** `environment`: the environment a `uv lock` relocks (named in the diagnosis' commands). */
  const exec = async (c: Command, environment?: string): Promise<string> => {
    const cwd = repo.abs(root, c.cwd);
    if (c.program === 'git') {
      const r = await deps.git.run(cwd, c.args);
      if (r.exitCode !== 0)
        throw new StepError(
          `${showCommand(c)} failed (exit ${r.exitCode}): ${gitErrorLine(r.stderr, r.stdout) || r.startError || 'no output'}`,
        );
      return r.stdout;
    }
    const found = await deps.findUv(root);
    if (!found.ok) throw new StepError(found.message);
    const r = await found.uv.run(c.args, { cwd });
    if (r.exitCode !== 0) {
      const hint =
        c.args[0] === 'lock' && c.cwd === '.' && !r.startError
          ? diagnoseLockFailure(root, c.args, r.stderr, environment)
          : undefined;
      throw new StepError(
        hint
          ? `${showCommand(c)} failed: ${hint}`
          : `${showCommand(c)} failed (${uvErrorLine(r.stderr) || r.startError || `exit ${r.exitCode}`})`,
      );
    }
    return r.stdout;
  };
  /** Files of the release: no URL in them keeps its credentials (the diff is the package's own text). */
  const write = (rel: string, text: string) => {
    const file = join(root, rel);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, rel === s.files.changes ? text : redactUrlsIn(text));
  };
  const readRoot = (rel: string) => (existsSync(join(root, rel)) ? readFileSync(join(root, rel), 'utf8') : undefined);
  const versionIn = (text: string | undefined) => {
    try {
      const v = (parseToml(text ?? '') as { project?: { version?: unknown } }).project?.version;
      return typeof v === 'string' ? v : undefined;
    } catch {
      return undefined;
    }
  };

  const steps: Record<StepId, () => Promise<void>> = {
    changes: async () => {
      const f = input.fresh;
      const diff = await exec(diffCommand(s, f?.emptyTree));
      write(s.files.changes, diff);
      const notes = f?.notes ?? readRoot(s.files.notes) ?? '';
      const command = `${input.resumeCommand.replace(/ --resume$/, '')} --bump ${s.bump} --notes-file ${s.files.notes}`;
      write(
        s.files.prompt,
        notesPrompt({
          distribution: s.distribution,
          version: s.version,
          tag: s.tag,
          since: s.since,
          commits: f?.commits ?? [],
          diffFile: s.files.changes,
          notesFile: s.files.notes,
          command,
          diffLines: diff ? diff.split('\n').length - 1 : 0,
        }),
      );
      write(s.files.notes, notes);
      write(s.files.commitMessage, releaseCommitMessage(s.distribution, s.version, notes));
      write(s.files.tagMessage, tagMessage(s.distribution, s.version, notes));
      const n = f?.commits.length ?? 0;
      say(
        'changes',
        `changes since ${s.since ?? 'the first commit'}: ${n} commit${n === 1 ? '' : 's'} → ${s.files.changes}; notes ${f?.notesFile ? `from ${f.notesFile}` : '(commit summary)'} in ${s.files.notes}; LLM prompt in ${s.files.prompt}`,
      );
    },
    bump: async () => {
      const text = readFileSync(pyprojectAbs, 'utf8');
      if (versionIn(text) === s.version) return;
      pyprojectBefore = text;
      writeFileSync(pyprojectAbs, setTomlValue(text, ['project', 'version'], s.version));
      say('bump', `${s.packageRoot}/pyproject.toml: version ${s.from} → ${s.version}`);
    },
    commit: async () => {
      const head = await repo.headSha(deps.git, pkgAbs);
      if (
        head !== s.packageHead &&
        versionIn(await repo.fileAt(deps.git, pkgAbs, head, 'pyproject.toml')) === s.version
      ) {
        s.releaseCommit = head; // committed before a crash
        return;
      }
      if (!existsSync(join(root, s.files.commitMessage)))
        write(s.files.commitMessage, releaseCommitMessage(s.distribution, s.version, readRoot(s.files.notes) ?? ''));
      await exec(releaseCommitCommand(s));
      const after = await repo.headSha(deps.git, pkgAbs);
      if (after === head)
        throw new StepError(`git commit in ${s.packageRoot} made no commit (is pyproject.toml unchanged?)`);
      s.releaseCommit = after;
      say(
        'commit',
        `committed ${after.slice(0, 7)} "Release ${s.distribution} ${s.version}" in ${s.packageRoot} (pyproject.toml only)`,
      );
    },
    tag: async () => {
      const at = await repo.tagCommit(deps.git, pkgAbs, s.tag);
      if (at === s.releaseCommit) return;
      if (at)
        throw new StepError(
          `tag ${s.tag} already exists in ${s.packageRoot} on ${at.slice(0, 7)}, not on the release commit ${s.releaseCommit?.slice(0, 7)}: delete it (${shellJoin(['git', '-C', s.packageRoot, 'tag', '-d', '--', s.tag])}) if it is stale, then --resume`,
        );
      if (!existsSync(join(root, s.files.tagMessage)))
        write(s.files.tagMessage, tagMessage(s.distribution, s.version, readRoot(s.files.notes) ?? ''));
      await exec(tagCommand(s));
      say('tag', `tagged ${s.releaseCommit?.slice(0, 7)} as ${s.tag} (annotated)`);
    },
    push: async () => {
      await exec(pushCommand(s));
      say('push', `pushed ${s.branch} and ${s.tag} to ${s.remote} (${s.remoteUrl})`);
    },
    github: async () => {
      if (!s.githubRepository) return;
      const settings = githubSettings(deps.env);
      if (!settings.token) throw new StepError(`no GitHub token: set GITHUB_TOKEN or GH_TOKEN`);
      const badApi = githubApiUrlProblem(settings.apiUrl);
      if (badApi) throw new StepError(badApi);
      const repository = parseGithubRepository(s.githubRepository);
      if (!repository)
        throw new StepError(`the state names the GitHub repository "${s.githubRepository}", which is not owner/name`);
      const client = deps.github({
        apiUrl: settings.apiUrl,
        token: settings.token,
        ...(settings.tokenVariable ? { tokenVariable: settings.tokenVariable } : {}),
        ...(settings.timeoutMs ? { timeoutMs: settings.timeoutMs } : {}),
      });
      // no answer, or an answer that is not a release: say how to go on in the same line
      const resumable = <T>(p: Promise<T>): Promise<T> =>
        p.catch((e: unknown) => {
          throw e instanceof GithubApiError && (e.kind === 'timeout' || e.kind === 'unreadable')
            ? new StepError(`${e.message}, then ${input.resumeCommand}`)
            : e;
        });
      const existing = await resumable(client.getReleaseByTag(repository, s.tag));
      if (existing) {
        s.githubUrl = existing.html_url;
        say('github', `GitHub release ${s.tag} exists already on ${s.githubRepository}: ${existing.html_url}`);
        return;
      }
      const notes = readRoot(s.files.notes) ?? '';
      const created = await resumable(
        client.createRelease(repository, {
          tag_name: s.tag,
          name: `${s.distribution} ${s.version}`,
          body: notes,
          prerelease: s.prerelease,
          draft: false,
        }),
      );
      s.githubUrl = created.html_url;
      say(
        'github',
        `GitHub ${s.prerelease ? 'pre-release' : 'release'} ${s.tag} on ${s.githubRepository}: ${created.html_url}`,
      );
    },
    pin: async () => {
      for (const e of s.environments) {
        const before = readRoot(e.file);
        if (before === undefined) throw new StepError(`${e.file} does not exist any more`);
        const r = pinnedText(before, e.file, normalizeDistributionName(s.distribution), s.remoteUrl, s.tag);
        if (!r.ok) throw new StepError(r.message);
        if (r.text !== before) write(e.file, r.text);
        say('pin', r.note);
      }
    },
    lock: async () => {
      for (const l of s.relock) {
        const c = lockCommand(l);
        await exec(c, l.name);
        say('lock', `locked ${l.name}: ${showCommand(c)}`);
      }
    },
    'root-commit': async () => {
      await exec(pointerCommand(s));
      const add = rootAddCommand(s);
      if (add) await exec(add);
      const ours = new Set([...rootFiles(s), s.packageRoot]);
      const staged = await repo.stagedPaths(deps.git, root);
      const foreign = staged.filter((f) => !ours.has(f));
      if (foreign.length)
        throw new StepError(
          `the root index holds changes the release did not make (${foreign.join(', ')}): unstage them (git restore --staged ${foreign[0]}), then --resume`,
        );
      if (staged.length === 0) {
        say('root-commit', `the root already records ${s.packageRoot} at ${s.tag} with these pins: nothing to commit`);
        return;
      }
      const pinned = s.environments.map((e) => e.name);
      write(
        s.files.rootMessage,
        rootCommitMessage({
          distribution: s.distribution,
          version: s.version,
          tag: s.tag,
          packageRoot: s.packageRoot,
          pinned,
          relocked: s.relock.map((l) => l.name),
        }),
      );
      await exec(rootCommitCommand(s));
      s.rootCommit = await repo.headSha(deps.git, root);
      say('root-commit', `root commit ${s.rootCommit.slice(0, 7)} (${staged.join(', ')})`);
    },
    'next-dev': async () => {
      if (!s.nextDev) return;
      const head = await repo.headSha(deps.git, pkgAbs);
      if (
        head !== s.releaseCommit &&
        versionIn(await repo.fileAt(deps.git, pkgAbs, head, 'pyproject.toml')) === s.nextDev
      ) {
        s.nextDevCommit = head;
        return;
      }
      const text = readFileSync(pyprojectAbs, 'utf8');
      writeFileSync(pyprojectAbs, setTomlValue(text, ['project', 'version'], s.nextDev));
      write(s.files.nextDevMessage, nextDevCommitMessage(s.distribution, s.nextDev));
      await exec(nextDevCommitCommand(s));
      s.nextDevCommit = await repo.headSha(deps.git, pkgAbs);
      say(
        'next-dev',
        `${s.packageRoot}: version ${s.version} → ${s.nextDev}, committed ${s.nextDevCommit.slice(0, 7)}`,
      );
    },
    'next-dev-push': async () => {
      if (!s.nextDev) return;
      await exec(nextDevPushCommand(s));
      say('next-dev-push', `pushed ${s.branch} (${s.nextDev}) to ${s.remote}`);
    },
  };

  for (const step of STEPS) {
    if (isDone(s, step)) continue;
    if (step === 'push' && !s.push) {
      save();
      deps.log(
        `@mlws/nx: stopped before the push as asked (--push=false): ${s.tag} is on ${s.releaseCommit?.slice(0, 7)} in ${s.packageRoot}, nothing left this machine`,
      );
      deps.log(`@mlws/nx: continue with ${input.resumeCommand} (push, GitHub release, pins, root commit)`);
      const undo = undoCommand(s);
      if (undo) deps.log(`@mlws/nx: or undo it (nothing left this machine): ${undo}`);
      return { success: true, stoppedAt: step };
    }
    const committed = isDone(s, 'commit');
    if (committed || step === 'commit') save();
    try {
      await steps[step]();
      s.done.push(step);
      delete s.failed;
      if (isDone(s, 'commit')) save();
    } catch (e) {
      const message = e instanceof Error ? e.message.replace(/^@mlws\/nx:\s*/, '') : String(e);
      if (!isDone(s, 'commit')) {
        if (pyprojectBefore !== undefined) writeFileSync(pyprojectAbs, pyprojectBefore);
        removeState(root, s.project);
        deps.log(
          `@mlws/nx: release of ${s.distribution} ${s.version} failed at step ${stepNumber(step)} (${step}): ${message}`,
        );
        deps.log(
          `@mlws/nx: nothing changed (${s.packageRoot}/pyproject.toml is as it was, nothing was committed): fix the cause and release again`,
        );
        return { success: false, stoppedAt: step };
      }
      s.failed = { step, message, at: deps.now().toISOString() };
      save();
      reportStop(s, step, message, input.resumeCommand, deps);
      return { success: false, stoppedAt: step };
    }
  }
  if (isComplete(s)) save();
  const parts = [
    `tag ${s.tag} on ${s.remote}`,
    s.githubUrl ? `GitHub ${s.prerelease ? 'pre-release' : 'release'} ${s.githubUrl}` : undefined,
    s.environments.length ? `${s.environments.map((e) => e.name).join(' and ')} pinned` : undefined,
    s.rootCommit ? `root commit ${s.rootCommit.slice(0, 7)} (not pushed: git push when ready)` : undefined,
    s.nextDev ? `${s.packageRoot} is at ${s.nextDev}` : undefined,
  ].filter(Boolean);
  deps.log(`@mlws/nx: released ${s.distribution} ${s.version}: ${parts.join('; ')}`);
  return { success: true };
}

function reportStop(s: ReleaseState, step: StepId, message: string, resume: string, deps: ReleaseDeps): void {
  const done = STEPS.filter((x) => isDone(s, x) && x !== 'changes' && relevant(s, x)).map((x) => STEP_TITLES[x](s));
  const notDone = STEPS.filter((x) => !isDone(s, x) && relevant(s, x)).map((x) => STEP_TITLES[x](s));
  deps.log(
    `@mlws/nx: release of ${s.distribution} ${s.version} stopped at step ${stepNumber(step)} (${step}): ${message}`,
  );
  deps.log(`@mlws/nx: done: ${done.join('; ')}`);
  deps.log(`@mlws/nx: not done: ${notDone.join('; ')}`);
  const skip = step === 'github' ? ` (or ${resume} --github-release=false to finish without the GitHub release)` : '';
  deps.log(
    `@mlws/nx: nothing is lost (progress in ${s.files.dir}/state.json): fix the cause, then run ${resume}${skip}`,
  );
  const undo = undoCommand(s);
  if (undo) deps.log(`@mlws/nx: or undo it (nothing left this machine): ${undo}`);
}

/**
 * The commands that take back a release that stopped before its push: the local tag, the release
 * commit (reset --keep refuses to drop uncommitted work) and the state file. Undefined once the
 * push happened: what reached the remote is finished with --resume, not undone.
 */
export function undoCommand(s: ReleaseState): string | undefined {
  if (isDone(s, 'push') || !isDone(s, 'commit')) return undefined;
  const parts = [
    ...(isDone(s, 'tag') ? [shellJoin(['git', '-C', s.packageRoot, 'tag', '-d', '--', s.tag])] : []),
    shellJoin(['git', '-C', s.packageRoot, 'reset', '--keep', s.packageHead]),
    shellJoin(['rm', `${s.files.dir}/state.json`]),
  ];
  return parts.join(' && ');
}

function relevant(s: ReleaseState, step: StepId): boolean {
  if (step === 'github') return !!s.githubRepository;
  if (step === 'pin') return s.environments.length > 0;
  if (step === 'lock') return s.relock.length > 0;
  if (step === 'next-dev' || step === 'next-dev-push') return !!s.nextDev;
  return true;
}

/** The line of git's output that says why: a rejected ref, then error:/fatal:, then the first line. */
export function gitErrorLine(stderr: string, stdout = ''): string {
  const lines = `${stderr}\n${stdout}`
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const rejected = lines.find((l) => /^!\s*\[(remote )?rejected\]/.test(l));
  const hook = lines.find(
    (l) => /^remote:\s*\S/.test(l) && !/^remote:\s*(Counting|Compressing|Total|Resolving|Enumerating)/.test(l),
  );
  if (rejected) return hook ? `${rejected} — ${hook}` : rejected;
  return lines.find((l) => /^(fatal|error):/.test(l)) ?? lines[0] ?? '';
}
