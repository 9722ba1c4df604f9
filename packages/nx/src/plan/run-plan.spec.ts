import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GitClient } from '../git/git-client';
import type { RunResult } from '../process/run-process';
import type { UvClient } from '../uv/uv-client';
import { git } from './command';
import type { PlanContext } from './execute';
import { relockStep } from './relock';
import { runPlan } from './run-plan';
import type { Plan } from './step';

describe('runPlan', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'mlws-run-plan-'));
    writeFileSync(
      join(root, 'pyproject.toml'),
      '[project]\nname = "ml"\n[tool.uv.workspace]\nmembers = ["packages/*"]\n',
    );
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  /** A git that records `git <args>` and fails the commands named in `failing` with their stderr. */
  function context(failing: Record<string, string> = {}, uv?: UvClient): PlanContext & { ran: string[] } {
    const ran: string[] = [];
    const run: GitClient['run'] = async (args) => {
      const line = args.join(' ');
      ran.push(line);
      const stderr = failing[line];
      return stderr === undefined ? { exitCode: 0, stdout: '', stderr: '' } : { exitCode: 1, stdout: '', stderr };
    };
    return { root, git: { run, must: async () => '' }, ...(uv ? { uv } : {}), log: () => undefined, ran };
  }
  const failingUv = (stderr: string): UvClient => ({
    program: 'uv',
    version: '0.13.8',
    run: async (): Promise<RunResult> => ({ exitCode: 1, stdout: '', stderr }),
    must: async () => {
      throw new Error(stderr);
    },
  });

  it('undoes the failed step and every done step, newest first, then restores the files', async () => {
    writeFileSync(join(root, 'written.txt'), 'new\n');
    const plan: Plan = {
      steps: [
        { command: git('.', ['a']), undo: [git('.', ['undo-a'])] },
        { command: git('.', ['b']), undo: [git('.', ['undo-b1']), git('.', ['undo-b2'])] },
        { command: git('.', ['c']), undo: [git('.', ['undo-c'])] },
      ],
      restoreFiles: [{ program: 'restore', path: 'written.txt', content: 'old\n' }],
      done: 'done',
    };
    const ctx = context({ c: 'fatal: c went wrong' });
    await expect(runPlan(plan, ctx)).rejects.toThrow(
      '@mlws/nx: git c failed: fatal: c went wrong; rolled back, the workspace is as it was',
    );
    expect(ctx.ran).toEqual(['a', 'b', 'c', 'undo-c', 'undo-b1', 'undo-b2', 'undo-a']);
    expect(readFileSync(join(root, 'written.txt'), 'utf8')).toBe('old\n');
  });

  it('after a point of no return, stops with the commands that finish the job instead', async () => {
    const plan: Plan = {
      steps: [
        { command: git('.', ['a']), undo: [git('.', ['undo-a'])] },
        { command: git('pkg', ['push']), irreversible: true },
        { command: git('.', ['c']) },
        { command: git('.', ['d']) },
      ],
      restoreFiles: [],
    };
    const ctx = context({ c: 'error: no' });
    await expect(runPlan(plan, ctx)).rejects.toThrow(
      '@mlws/nx: git c failed: error: no; to finish, fix that and run: git c && git d',
    );
    expect(ctx.ran).toEqual(['a', 'push', 'c']);
  });

  it('an undo that fails stops the rollback and names the commands that finish it; the files go back anyway', async () => {
    writeFileSync(join(root, 'written.txt'), 'new\n');
    const plan: Plan = {
      steps: [
        { command: git('.', ['a']), undo: [git('.', ['undo-a1']), git('.', ['undo-a2'])] },
        { command: git('.', ['b']) },
      ],
      restoreFiles: [{ program: 'restore', path: 'written.txt', content: null }],
    };
    await expect(runPlan(plan, context({ b: 'fatal: b', 'undo-a1': 'fatal: locked' }))).rejects.toThrow(
      '@mlws/nx: git b failed: fatal: b; the rollback stopped at git undo-a1 (fatal: locked): finish it with: git undo-a1 && git undo-a2',
    );
    expect(existsSync(join(root, 'written.txt'))).toBe(false);
  });

  it('prints each command before it runs, and the done line', async () => {
    const log: string[] = [];
    await runPlan(
      { steps: [{ command: git('packages/x', ['init']) }], restoreFiles: [], done: 'created x' },
      { ...context(), log: (l) => log.push(l) },
    );
    expect(log).toEqual(['@mlws/nx: $ git -C packages/x init', '@mlws/nx: created x']);
  });

  describe('a relock that uv refuses rolls back like any step (the one relock policy)', () => {
    const relockPlan = (): Plan => ({
      steps: [
        { command: git('.', ['mv', 'a', 'b']), undo: [git('.', ['mv', 'b', 'a'])] },
        relockStep({ name: 'dev', path: '.' }, 'old lock\n'),
      ],
      restoreFiles: [],
    });

    it('says what the lock target would say (here: nx sync adds the missing workspace source), and puts the lock back', async () => {
      writeFileSync(join(root, 'uv.lock'), 'half-written lock\n');
      // uv 0.13.8, uv lock with a member the root's [tool.uv.sources] does not map
      const stderr = [
        'Using CPython 3.11.7 interpreter at: /root/.pyenv/versions/3.11.7/bin/python3',
        'error: Failed to build `a @ file:///tmp/mlws-diag/ws3/packages/a`',
        '  cause: Failed to parse entry: `b`',
        '  cause: `b` is included as a workspace member, but is missing an entry in `tool.uv.sources` (e.g., `b = { workspace = true }`)',
      ].join('\n');
      const ctx = context({}, failingUv(stderr));
      await expect(runPlan(relockPlan(), ctx)).rejects.toThrow(
        '@mlws/nx: uv lock failed: the workspace member b has no b = { workspace = true } in [tool.uv.sources] of pyproject.toml: run nx sync (it adds the sources and dependencies of every member) or add that line, then lock again; rolled back, the workspace is as it was',
      );
      expect(readFileSync(join(root, 'uv.lock'), 'utf8')).toBe('old lock\n');
      expect(ctx.ran).toEqual(['mv a b', 'mv b a']);
    });

    it("keeps uv's error line when there is no diagnosis", async () => {
      const uv = failingUv('  × No solution found when resolving dependencies:\n  ╰─▶ Because …\n');
      await expect(runPlan(relockPlan(), context({}, uv))).rejects.toThrow(
        '@mlws/nx: uv lock failed (No solution found when resolving dependencies: Because …); rolled back, the workspace is as it was',
      );
    });
  });
});
