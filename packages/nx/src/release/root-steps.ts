import { GithubApiError } from '../github/github-client';
import { githubApiUrlProblem, githubSettings } from '../github/github-settings';
import { parseGithubRepository } from '../github/github-repository';
import { normalizeDistributionName } from '../model/names';
import { runRelock } from '../plan/relock';
import { pointerCommand, rootAddCommand, rootCommitCommand, rootFiles } from './commands';
import { pinnedText } from './environments';
import { rootCommitMessage } from './notes';
import { StepContext, StepError } from './release-io';
import * as repo from './repo-inspect';

/** The release's steps outside the package repository: the GitHub release, pins, relock, root commit. */

export async function githubStep({ s, io, input }: StepContext): Promise<void> {
  if (!s.githubRepository) return;
  const settings = githubSettings(io.deps.env);
  if (!settings.token) throw new StepError(`no GitHub token: set GITHUB_TOKEN or GH_TOKEN`);
  const badApi = githubApiUrlProblem(settings.apiUrl);
  if (badApi) throw new StepError(badApi);
  const repository = parseGithubRepository(s.githubRepository);
  if (!repository)
    throw new StepError(`the state names the GitHub repository "${s.githubRepository}", which is not owner/name`);
  const client = io.deps.github({
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
    io.say('github', `GitHub release ${s.tag} exists already on ${s.githubRepository}: ${existing.html_url}`);
    return;
  }
  const created = await resumable(
    client.createRelease(repository, {
      tag_name: s.tag,
      name: `${s.distribution} ${s.version}`,
      body: io.readRoot(s.files.notes) ?? '',
      prerelease: s.prerelease,
      draft: false,
    }),
  );
  s.githubUrl = created.html_url;
  io.say(
    'github',
    `GitHub ${s.prerelease ? 'pre-release' : 'release'} ${s.tag} on ${s.githubRepository}: ${created.html_url}`,
  );
}

export async function pinStep({ s, io }: StepContext): Promise<void> {
  for (const e of s.environments) {
    const before = io.readRoot(e.file);
    if (before === undefined) throw new StepError(`${e.file} does not exist any more`);
    const r = pinnedText(before, e.file, normalizeDistributionName(s.distribution), s.remoteUrl, s.tag);
    if (!r.ok) throw new StepError(r.message);
    if (r.text !== before) io.write(e.file, r.text);
    io.say('pin', r.note);
  }
}

/**
 * The relocks, as the plan engine's relock steps: a failed one puts back the locks this step
 * already rewrote (the one relock policy), and the release stops there for --resume.
 */
export async function lockStep({ s, io, input }: StepContext): Promise<void> {
  const failed = await runRelock(
    s.relock,
    { root: input.root, git: io.deps.git, log: io.deps.log },
    {
      run: async (command, environment) => void (await io.exec(command, environment)),
      locked: (l, _before, shown) => io.say('lock', `locked ${l.name}: ${shown}`),
    },
  );
  if (!failed) return;
  if (failed.stopped) throw new StepError(`${failed.line}; ${failed.stopped}`);
  throw failed.error;
}

export async function rootCommitStep({ s, io, input }: StepContext): Promise<void> {
  const { root } = input;
  await io.exec(pointerCommand(s));
  const add = rootAddCommand(s);
  if (add) await io.exec(add);
  const ours = new Set([...rootFiles(s), s.packageRoot]);
  const staged = await repo.stagedPaths(io.deps.git, root);
  const foreign = staged.filter((f) => !ours.has(f));
  if (foreign.length)
    throw new StepError(
      `the root index holds changes the release did not make (${foreign.join(', ')}): unstage them (git restore --staged ${foreign[0]}), then --resume`,
    );
  if (staged.length === 0) {
    io.say('root-commit', `the root already records ${s.packageRoot} at ${s.tag} with these pins: nothing to commit`);
    return;
  }
  io.write(
    s.files.rootMessage,
    rootCommitMessage({
      distribution: s.distribution,
      version: s.version,
      tag: s.tag,
      packageRoot: s.packageRoot,
      pinned: s.environments.map((e) => e.name),
      relocked: s.relock.map((l) => l.name),
    }),
  );
  await io.exec(rootCommitCommand(s));
  s.rootCommit = await repo.headSha(io.deps.git, root);
  io.say('root-commit', `root commit ${s.rootCommit.slice(0, 7)} (${staged.join(', ')})`);
}
