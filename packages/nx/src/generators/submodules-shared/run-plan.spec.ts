import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uvClient, type UvClient } from '../../uv/uv-client';
import { fakeDeps } from './__testing__/fake-deps';
import { runPlan } from './run-plan';

describe('runPlan: a relock step that uv refuses', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'mlws-run-plan-'));
    writeFileSync(
      join(root, 'pyproject.toml'),
      '[project]\nname = "ml"\n[tool.uv.workspace]\nmembers = ["packages/*"]\n',
    );
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const failingUv = (stderr: string): UvClient =>
    uvClient('uv', '0.13.8', async () => ({ exitCode: 1, stdout: '', stderr }));
  const plan = {
    steps: [{ command: { kind: 'uv' as const, cwd: '.', args: ['lock'] }, resumeOnFailure: true }],
    restoreFiles: [],
    done: 'done',
  };

  it('says what the lock target would say (here: nx sync adds the missing workspace source)', async () => {
    // uv 0.13.8, uv lock with a member the root's [tool.uv.sources] does not map
    const stderr = [
      'Using CPython 3.11.7 interpreter at: /root/.pyenv/versions/3.11.7/bin/python3',
      'error: Failed to build `a @ file:///tmp/mlws-diag/ws3/packages/a`',
      '  cause: Failed to parse entry: `b`',
      '  cause: `b` is included as a workspace member, but is missing an entry in `tool.uv.sources` (e.g., `b = { workspace = true }`)',
    ].join('\n');
    await expect(runPlan(plan, { root, deps: fakeDeps(root).deps, uv: failingUv(stderr) })).rejects.toThrow(
      '@mlws/nx: uv lock failed: the workspace member b has no b = { workspace = true } in [tool.uv.sources] of pyproject.toml: run nx sync (it adds the sources and dependencies of every member) or add that line, then lock again; to finish, fix that and run: uv lock',
    );
  });

  it("keeps uv's error line when there is no diagnosis", async () => {
    await expect(
      runPlan(plan, {
        root,
        deps: fakeDeps(root).deps,
        uv: failingUv('  × No solution found when resolving dependencies:\nerror: boom\n'),
      }),
    ).rejects.toThrow('@mlws/nx: uv lock failed: error: boom; to finish, fix that and run: uv lock');
  });
});
