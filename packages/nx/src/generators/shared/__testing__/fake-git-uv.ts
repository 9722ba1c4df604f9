import type { Tree } from '@nx/devkit';
import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { flushChanges, FsTree } from 'nx/src/generators/tree';
import { createGitClient } from '../../../git/git-client';
import type { RunResult } from '../../../process/run-process';
import { fakeClients, FakeClients, fakeUv } from '../../../clients/__testing__/fake-clients';

export interface Call {
  cwd: string;
  args: string[];
}

export type Answer = (call: Call) => Partial<RunResult> | undefined;

export interface GitUvFakes {
  deps: FakeClients;
  git: Call[];
  uv: Call[];
  log: string[];
}

/**
 * Fake git and uv that record every call. git answers like a clean repository whose top is `root`
 * (rev-parse, identity, empty remote); `answer` overrides any call (return undefined to keep the
 * default). The process layer is faked, so the real git client (argv, -c flags) is exercised.
 */
export function fakeGitUv(
  root: string,
  answer: Answer = () => undefined,
  uvAnswer: Answer = () => undefined,
): GitUvFakes {
  const git: Call[] = [];
  const uv: Call[] = [];
  const log: string[] = [];
  const client = createGitClient(async (_file, args, o) => {
    const call = { cwd: o.cwd, args: [...args] };
    git.push(call);
    const defaults: Partial<RunResult> = args.includes('rev-parse') ? { stdout: `${root}\n${root}/.git\n` } : {};
    return { exitCode: 0, stdout: '', stderr: '', ...defaults, ...(answer(call) ?? {}) };
  });
  const deps = fakeClients({ git: client, log: (line) => log.push(line), uv: fakeUv(uv, uvAnswer) });
  return { deps, git, uv, log };
}

/** git calls as `git -C <cwd relative to root> args` strings, for readable expectations. */
export function gitLines(root: string, calls: Call[]): string[] {
  return calls.map((c) => {
    const rel = c.cwd === root ? '' : ` -C ${c.cwd.slice(root.length + 1)}`;
    return `git${rel} ${c.args.join(' ')}`;
  });
}

/** A tree over a real temporary directory holding `files` (with an nx.json), so callbacks can run. */
export function diskTree(files: Record<string, string>): Tree {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'mlws-gen-')));
  const all = { 'nx.json': '{ "plugins": ["@mlws/nx"] }\n', ...files };
  for (const [f, text] of Object.entries(all)) {
    mkdirSync(dirname(join(root, f)), { recursive: true });
    writeFileSync(join(root, f), text);
  }
  return new FsTree(root, false);
}

/** What `nx g` does between the generator body and its callback. */
export function flush(tree: Tree): void {
  flushChanges(tree.root, tree.listChanges());
}

export const ROOT_PYPROJECT = [
  '# the dev workspace',
  '[project]',
  'name = "ml"',
  'version = "0.1.0"',
  'requires-python = ">=3.11"',
  'dependencies = [',
  '    "bench-utils",  # shared helpers',
  ']',
  '',
  '[tool.uv.workspace]',
  'members = ["packages/*"]',
  '',
  '[tool.uv.sources]',
  'bench-utils = { workspace = true }',
  '',
].join('\n');

export const BENCH_UTILS = '[project]\nname = "bench_utils"\nversion = "0.1.0"\ndependencies = []\n';
