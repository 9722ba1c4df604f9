/**
 * Fault battery, paths: nothing is deleted or written outside where it must be, and nothing that
 * exists only here is lost. In a real workspace (the playground: submodules with bare remotes):
 * dangerous build outputPaths are refused with nothing deleted; a crafted `.gitmodules` name makes
 * remove/move refuse with nothing outside touched; remove refuses local-only data (an ignored
 * file, an unpushed tag, a commit only in the reflog) without --force and lists it.
 */
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  assertSuccess,
  createPlaygroundWorkspace,
  describeWithTools,
  git,
  runNx,
  tmpDir,
  type PlaygroundWorkspace,
  type RunResult,
} from './utils';

const output = (r: RunResult) => `${r.stdout}\n${r.stderr}`;
const STACK_LINE = /^\s+at .+[:(]\d+:\d+\)?$/m;
const QWEN = 'packages/model_qwen2.5-vl';

/** The one `@mlws/nx:` error line of a refusal (exit 1, no stack trace; problem lines of the graph may come before it). */
function refusal(r: RunResult): string {
  expect(r.code).not.toBe(0);
  expect(output(r)).not.toMatch(STACK_LINE);
  const lines = output(r)
    .split('\n')
    .filter((l) => /^\s*NX\s+@mlws\/nx: /.test(l));
  expect(lines).toHaveLength(1);
  return lines[0].replace(/^\s*NX\s+/, '');
}

/** Renames the `.gitmodules` section of `path` to `name` (what a pulled, crafted file does). */
function craftName(root: string, path: string, name: string): void {
  const file = join(root, '.gitmodules');
  const lines = readFileSync(file, 'utf8').split('\n');
  const at = lines.findIndex((l) => l.trim() === `path = ${path}`);
  let header = at;
  while (header >= 0 && !lines[header].startsWith('[submodule')) header--;
  lines[header] = `[submodule "${name}"]`;
  writeFileSync(file, lines.join('\n'));
}

describeWithTools(['git', 'uv'], 'fault battery: paths from options and files', () => {
  let ws: PlaygroundWorkspace;
  let status: () => Promise<string>;
  beforeEach(async () => {
    ws = await createPlaygroundWorkspace({ uninitialised: [] });
    status = async () => (await git(ws.root, ['status', '--porcelain', '--untracked-files=all'])).trim();
  });

  it('build refuses dangerous outputPaths before uv runs, and deletes nothing', async () => {
    const outside = join(ws.dir, 'x');
    mkdirSync(outside, { recursive: true });
    writeFileSync(join(outside, 'keep.txt'), "not the build's\n");
    writeFileSync(join(ws.root, 'packages', 'bench-utils', 'WIP.md'), 'uncommitted work\n');
    const cases: Array<[string, string]> = [
      ['.', 'outputPath "." is the workspace root'],
      ['..', 'outputPath ".." is outside the workspace'],
      ['../x', 'outputPath "../x" is outside the workspace'],
      [outside, `outputPath "${outside}" is outside the workspace`],
      ['packages/bench-utils', 'outputPath "packages/bench-utils" is the project root packages/bench-utils'],
      ['packages', 'outputPath "packages" holds the project root packages/'],
    ];
    for (const [outputPath, reason] of cases) {
      const r = await runNx(ws.root, ['run', 'model-interface:build', `--outputPath=${outputPath}`, '--skip-nx-cache']);
      expect(output(r)).toContain(`@mlws/nx: build refused: ${reason}`);
      expect(output(r)).toContain(
        ', and nothing is deleted or written there: set outputPath to a directory of its own inside the workspace, e.g. "packages/model-interface/dist"',
      );
      expect(r.code).not.toBe(0);
    }
    expect(readFileSync(join(outside, 'keep.txt'), 'utf8')).toBe("not the build's\n");
    expect(existsSync(join(ws.root, '.git'))).toBe(true);
    expect(readFileSync(join(ws.root, 'packages', 'bench-utils', 'WIP.md'), 'utf8')).toBe('uncommitted work\n');
    expect(await status()).toBe('M packages/bench-utils'); // dirty by WIP.md alone
    expect(await git(join(ws.root, 'packages', 'bench-utils'), ['status', '--porcelain'])).toBe('?? WIP.md');
  });

  it('outputPath "dist" from targetDefaults keeps release state, image records and other files in dist', async () => {
    const nxJsonPath = join(ws.root, 'nx.json');
    const nxJson = JSON.parse(readFileSync(nxJsonPath, 'utf8'));
    nxJson.targetDefaults = { ...(nxJson.targetDefaults ?? {}), build: { options: { outputPath: 'dist' } } };
    writeFileSync(nxJsonPath, JSON.stringify(nxJson, null, 2));
    const keep = {
      'dist/release/bench-utils/state.json': '{"step":"tagged"}\n',
      'dist/docker/prod.json': '{"id":"sha256:1"}\n',
      'dist/other_pkg-1.0.0.tar.gz': 'x',
    };
    for (const [f, text] of Object.entries(keep)) {
      mkdirSync(join(ws.root, f, '..'), { recursive: true });
      writeFileSync(join(ws.root, f), text);
    }
    writeFileSync(join(ws.root, 'dist', 'bench_utils-0.0.1-py3-none-any.whl'), 'an old wheel of this package');
    const r = assertSuccess(await runNx(ws.root, ['run', 'bench-utils:build', '--skip-nx-cache']), ws.root);
    expect(output(r)).toContain('built bench-utils into dist');
    for (const [f, text] of Object.entries(keep)) expect(readFileSync(join(ws.root, f), 'utf8')).toBe(text);
    expect(existsSync(join(ws.root, 'dist', 'bench_utils-0.0.1-py3-none-any.whl'))).toBe(false);
  });

  it('a crafted .gitmodules name (../../../victim) makes remove and move refuse, touching nothing outside', async () => {
    const victim = join(ws.dir, 'victim');
    mkdirSync(victim, { recursive: true });
    writeFileSync(join(victim, 'config'), '[core]\n\tbare = false\n');
    craftName(ws.root, QWEN, '../../../victim');
    await git(ws.root, ['add', '.gitmodules']);

    const graph = await runNx(ws.root, ['show', 'projects', '--json']);
    expect(output(graph)).toContain(
      '@mlws/nx: .gitmodules: the submodule name "../../../victim" has a ".." part, so git ignores it',
    );

    const remove = refusal(await runNx(ws.root, ['g', '@mlws/nx:remove', 'model-qwen2-5-vl', '--skip-lock']));
    expect(remove).toContain(
      '@mlws/nx: remove refused, nothing was changed: .gitmodules: the submodule name "../../../victim" has a ".." part',
    );
    const move = refusal(
      await runNx(ws.root, ['g', '@mlws/nx:move', 'model-qwen2-5-vl', '--to=packages/qwen', '--skip-lock']),
    );
    expect(move).toContain(
      '@mlws/nx: move refused, nothing was changed: .gitmodules: the submodule name "../../../victim" has a ".." part',
    );

    expect(readFileSync(join(victim, 'config'), 'utf8')).toBe('[core]\n\tbare = false\n');
    expect(existsSync(join(ws.root, QWEN, 'pyproject.toml'))).toBe(true);
    expect(existsSync(join(ws.root, '.git', 'modules', QWEN))).toBe(true);
    expect(await status()).toBe('M  .gitmodules');
  });

  it('a crafted name pointing at another package (../../packages/<other>) cannot delete it or its edits', async () => {
    const other = join(ws.root, 'packages', 'bench-utils');
    writeFileSync(join(other, 'WIP.md'), 'uncommitted work\n');
    craftName(ws.root, QWEN, '../../packages/bench-utils');
    await git(ws.root, ['add', '.gitmodules']);
    const remove = refusal(
      await runNx(ws.root, ['g', '@mlws/nx:remove', 'model-qwen2-5-vl', '--skip-lock', '--force']),
    );
    expect(remove).toContain(
      'remove refused, nothing was changed: .gitmodules: the submodule name "../../packages/bench-utils" has a ".." part',
    );
    const move = refusal(
      await runNx(ws.root, ['g', '@mlws/nx:move', 'model-qwen2-5-vl', '--to=packages/qwen', '--skip-lock']),
    );
    expect(move).toContain('move refused, nothing was changed');
    expect(readFileSync(join(other, 'WIP.md'), 'utf8')).toBe('uncommitted work\n');
    expect(existsSync(join(other, 'pyproject.toml'))).toBe(true);
    expect(existsSync(join(ws.root, QWEN, 'pyproject.toml'))).toBe(true);
  });

  it('remove refuses local-only data (ignored file, unpushed tag, commit only in the reflog) without --force; --dry-run lists it', async () => {
    const sub = join(ws.root, QWEN);
    mkdirSync(join(sub, 'dist'), { recursive: true });
    writeFileSync(join(sub, 'dist', 'checkpoint.pt'), 'weights');
    await git(sub, ['tag', 'v9.9.9']);
    await git(sub, ['commit', '--quiet', '--allow-empty', '-m', 'local experiment']);
    await git(sub, ['reset', '--quiet', '--hard', 'HEAD~1']);

    const refused = refusal(await runNx(ws.root, ['g', '@mlws/nx:remove', 'model-qwen2-5-vl', '--skip-lock']));
    expect(refused).toContain(
      `@mlws/nx: ${QWEN} has ignored files that exist only here and would be lost (dist/checkpoint.pt)`,
    );
    expect(refused).toContain('tags on no remote: v9.9.9');
    expect(refused).toContain('1 commit(s) only in the reflog');
    expect(refused).toContain('or pass --force to remove it with all of that');
    const dry = refusal(await runNx(ws.root, ['g', '@mlws/nx:remove', 'model-qwen2-5-vl', '--skip-lock', '--dry-run']));
    expect(dry).toBe(refused);

    const forced = assertSuccess(
      await runNx(ws.root, ['g', '@mlws/nx:remove', 'model-qwen2-5-vl', '--skip-lock', '--force', '--dry-run']),
      ws.root,
    );
    expect(forced.stdout).toContain(
      `@mlws/nx: --force: removes with ${QWEN} what exists only here: ignored files dist/checkpoint.pt; 1 commit(s) only in the reflog; tags on no remote: v9.9.9`,
    );
    expect(forced.stdout).toContain(`  rm -rf .git/modules/${QWEN}`);

    expect(readFileSync(join(sub, 'dist', 'checkpoint.pt'), 'utf8')).toBe('weights');
    expect(await git(sub, ['tag', '--list', 'v9.9.9'])).toBe('v9.9.9');
    expect(await status()).toBe('');
  });

  it('a move whose relock fails is rolled back: the workspace is as it was', async () => {
    writeFileSync(join(ws.root, 'uv.lock'), 'version = 1\n'); // the relock after the move fails (the index is unreachable)
    await git(ws.root, ['add', 'uv.lock']);
    await git(ws.root, ['commit', '--quiet', '-m', 'a lock']);
    const files = ['.gitmodules', 'pyproject.toml', 'uv.lock', 'staging/pyproject.toml', 'prod/pyproject.toml'];
    const before = Object.fromEntries(files.map((f) => [f, readFileSync(join(ws.root, f), 'utf8')]));
    const worktree = await git(ws.root, ['config', '--file', `.git/modules/${QWEN}/config`, 'core.worktree']);

    const stopped = refusal(await runNx(ws.root, ['g', '@mlws/nx:move', 'model-qwen2-5-vl', '--to=packages/qwen']));
    expect(stopped).toMatch(/uv lock --upgrade-package \S+ failed.*; rolled back, the workspace is as it was$/);
    for (const f of files) expect(readFileSync(join(ws.root, f), 'utf8')).toBe(before[f]);
    expect(existsSync(join(ws.root, 'packages', 'qwen'))).toBe(false);
    expect(await git(ws.root, ['config', '--file', `.git/modules/${QWEN}/config`, 'core.worktree'])).toBe(worktree);
    expect(await git(join(ws.root, QWEN), ['rev-parse', '--show-toplevel'])).toBe(join(ws.root, QWEN));
    expect(await status()).toBe('');
  });

  it('members globs and symlinked members that leave the repository are problem lines, not silent gaps', async () => {
    const outsidePkg = tmpDir('outside-member');
    writeFileSync(join(outsidePkg, 'pyproject.toml'), '[project]\nname = "outsider"\nversion = "0.1.0"\n');
    symlinkSync(outsidePkg, join(ws.root, 'packages', 'outsider'));
    const file = join(ws.root, 'pyproject.toml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/members = \[/, 'members = [\n    "../*",'));
    const r = assertSuccess(await runNx(ws.root, ['show', 'projects', '--json']), ws.root);
    expect(output(r)).toContain(
      '@mlws/nx: pyproject.toml: [tool.uv.workspace] members entry "../*" leaves the workspace, so @mlws/nx leaves it out of the graph while uv still locks what it matches',
    );
    expect(output(r)).toContain(
      '@mlws/nx: packages/outsider is a symlink to a directory outside the workspace and matches [tool.uv.workspace] members in pyproject.toml',
    );
    expect(JSON.parse(r.stdout)).toEqual(expect.arrayContaining(['bench-utils', 'model-interface']));
  });
});
