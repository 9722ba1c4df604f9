import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { shellJoin } from '../process/shell-quote';
import { setTomlValue } from '../toml';
import {
  diffCommand,
  nextDevCommitCommand,
  nextDevPushCommand,
  pushCommand,
  releaseCommitCommand,
  tagCommand,
} from './commands';
import { nextDevCommitMessage, notesPrompt, releaseCommitMessage, tagMessage } from './notes';
import { StepContext, StepError } from './release-io';
import * as repo from './repo-inspect';

/** The release's steps in the package repository: changes, bump, commit, tag, push, next dev cycle. */

export async function changesStep({ input, s, io }: StepContext): Promise<void> {
  const f = input.fresh;
  const diff = await io.exec(diffCommand(s, f?.emptyTree));
  io.write(s.files.changes, diff);
  const notes = f?.notes ?? io.readRoot(s.files.notes) ?? '';
  const command = `${input.resumeCommand.replace(/ --resume$/, '')} --bump ${s.bump} --notes-file ${s.files.notes}`;
  io.write(
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
  io.write(s.files.notes, notes);
  io.write(s.files.commitMessage, releaseCommitMessage(s.distribution, s.version, notes));
  io.write(s.files.tagMessage, tagMessage(s.distribution, s.version, notes));
  const n = f?.commits.length ?? 0;
  io.say(
    'changes',
    `changes since ${s.since ?? 'the first commit'}: ${n} commit${n === 1 ? '' : 's'} → ${s.files.changes}; notes ${f?.notesFile ? `from ${f.notesFile}` : '(commit summary)'} in ${s.files.notes}; LLM prompt in ${s.files.prompt}`,
  );
}

export async function bumpStep({ s, io, pyprojectAbs, before }: StepContext): Promise<void> {
  const text = readFileSync(pyprojectAbs, 'utf8');
  if (io.versionIn(text) === s.version) return;
  before.pyproject = text;
  writeFileSync(pyprojectAbs, setTomlValue(text, ['project', 'version'], s.version));
  io.say('bump', `${s.packageRoot}/pyproject.toml: version ${s.from} → ${s.version}`);
}

export async function commitStep({ s, io, pkgAbs, input }: StepContext): Promise<void> {
  const { git } = io.deps;
  const head = await repo.headSha(git, pkgAbs);
  if (head !== s.packageHead && io.versionIn(await repo.fileAt(git, pkgAbs, head, 'pyproject.toml')) === s.version) {
    s.releaseCommit = head; // committed before a crash
    return;
  }
  if (!existsSync(join(input.root, s.files.commitMessage)))
    io.write(s.files.commitMessage, releaseCommitMessage(s.distribution, s.version, io.readRoot(s.files.notes) ?? ''));
  await io.exec(releaseCommitCommand(s));
  const after = await repo.headSha(git, pkgAbs);
  if (after === head)
    throw new StepError(`git commit in ${s.packageRoot} made no commit (is pyproject.toml unchanged?)`);
  s.releaseCommit = after;
  io.say(
    'commit',
    `committed ${after.slice(0, 7)} "Release ${s.distribution} ${s.version}" in ${s.packageRoot} (pyproject.toml only)`,
  );
}

export async function tagStep({ s, io, pkgAbs, input }: StepContext): Promise<void> {
  const at = await repo.tagCommit(io.deps.git, pkgAbs, s.tag);
  if (at === s.releaseCommit) return;
  if (at)
    throw new StepError(
      `tag ${s.tag} already exists in ${s.packageRoot} on ${at.slice(0, 7)}, not on the release commit ${s.releaseCommit?.slice(0, 7)}: delete it (${shellJoin(['git', '-C', s.packageRoot, 'tag', '-d', '--', s.tag])}) if it is stale, then --resume`,
    );
  if (!existsSync(join(input.root, s.files.tagMessage)))
    io.write(s.files.tagMessage, tagMessage(s.distribution, s.version, io.readRoot(s.files.notes) ?? ''));
  await io.exec(tagCommand(s));
  io.say('tag', `tagged ${s.releaseCommit?.slice(0, 7)} as ${s.tag} (annotated)`);
}

export async function pushStep({ s, io }: StepContext): Promise<void> {
  await io.exec(pushCommand(s));
  io.say('push', `pushed ${s.branch} and ${s.tag} to ${s.remote} (${s.remoteUrl})`);
}

export async function nextDevStep({ s, io, pkgAbs, pyprojectAbs }: StepContext): Promise<void> {
  if (!s.nextDev) return;
  const { git } = io.deps;
  const head = await repo.headSha(git, pkgAbs);
  if (head !== s.releaseCommit && io.versionIn(await repo.fileAt(git, pkgAbs, head, 'pyproject.toml')) === s.nextDev) {
    s.nextDevCommit = head;
    return;
  }
  const text = readFileSync(pyprojectAbs, 'utf8');
  writeFileSync(pyprojectAbs, setTomlValue(text, ['project', 'version'], s.nextDev));
  io.write(s.files.nextDevMessage, nextDevCommitMessage(s.distribution, s.nextDev));
  await io.exec(nextDevCommitCommand(s));
  s.nextDevCommit = await repo.headSha(git, pkgAbs);
  io.say('next-dev', `${s.packageRoot}: version ${s.version} → ${s.nextDev}, committed ${s.nextDevCommit.slice(0, 7)}`);
}

export async function nextDevPushStep({ s, io }: StepContext): Promise<void> {
  if (!s.nextDev) return;
  await io.exec(nextDevPushCommand(s));
  io.say('next-dev-push', `pushed ${s.branch} (${s.nextDev}) to ${s.remote}`);
}
