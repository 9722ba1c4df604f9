/**
 * `nx affected` through git submodules: Nx diffs the root repository, where a submodule is one
 * path. The package projects are rooted at exactly that path, so a moved pointer, a dirty
 * submodule and an unrecorded submodule commit all make the package and its dependents affected;
 * cached targets' inputs see the files inside the submodule. Where Nx alone falls short (a
 * submodule whose only change is an untracked file), the plugin's `nx sync` fixes .gitmodules.
 */
import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  assertSuccess,
  createPlaygroundWorkspace,
  describeWithTools,
  git,
  runNx,
  type PlaygroundWorkspace,
} from './utils';

async function affected(ws: PlaygroundWorkspace, args: string[]): Promise<string[]> {
  const r = assertSuccess(await runNx(ws.root, ['show', 'projects', '--affected', ...args, '--json']), ws.root);
  return (JSON.parse(r.stdout) as string[]).sort();
}

describeWithTools(['git'], 'affected through submodules', () => {
  let ws: PlaygroundWorkspace;
  beforeEach(async () => {
    ws = await createPlaygroundWorkspace();
  });

  it('nothing is affected on a clean tree', async () => {
    expect(await affected(ws, ['--base=HEAD'])).toEqual([]);
  });

  it('(a) a root commit that moves a submodule pointer affects the package and its dependents', async () => {
    const sub = join(ws.root, 'packages', 'model-interface');
    appendFileSync(join(sub, 'README.md'), '\nA change made upstream.\n');
    await git(sub, ['commit', '--quiet', '-am', 'upstream change']);
    await git(ws.root, ['add', 'packages/model-interface']);
    await git(ws.root, ['commit', '--quiet', '-m', 'Move model-interface forward']);
    const names = await affected(ws, ['--base=HEAD~1', '--head=HEAD']);
    const pinning = (['staging', 'prod'] as const).filter((env) =>
      ws.manifest.environments[env].pins.some((p) => ['model-interface', 'model-qwen2-5-vl'].includes(p.target)),
    );
    expect(names).toEqual(['dev', 'model-interface', 'model-qwen2-5-vl', ...pinning].sort());
    expect(names).not.toContain('bench-utils');
    expect(names).not.toContain('release-tool');
  });

  it('(b) an uncommitted edit inside an initialised submodule affects the package and its dependents', async () => {
    appendFileSync(
      join(ws.root, 'packages', 'bench-utils', 'src', 'bench_utils', '__init__.py'),
      '\n# edited, not committed\n',
    );
    const names = await affected(ws, ['--base=HEAD']);
    expect(names).toEqual(expect.arrayContaining(['bench-utils', 'model-interface', 'model-qwen2-5-vl', 'dev']));
    expect(names).not.toContain('release-tool');
  });

  it('(b) a new untracked file inside a submodule: git diff hides it until nx sync declares ignore = none', async () => {
    const notes = join(ws.root, 'packages', 'model_qwen2.5-vl', 'NOTES.md');
    writeFileSync(notes, 'draft\n');
    // Nx alone: `git diff` ignores submodules whose only change is untracked files
    expect(await affected(ws, ['--base=HEAD'])).toEqual([]);
    rmSync(notes);

    assertSuccess(await runNx(ws.root, ['g', '@mlws/nx:init', '--no-interactive']), ws.root);
    const check = await runNx(ws.root, ['sync', '--check']);
    expect(check.code).not.toBe(0);
    expect(`${check.stdout}${check.stderr}`).toContain(
      'need "ignore = none" so nx affected sees untracked files inside them',
    );
    assertSuccess(await runNx(ws.root, ['sync']), ws.root);
    assertSuccess(await runNx(ws.root, ['sync', '--check']), ws.root);
    expect(readFileSync(join(ws.root, '.gitmodules'), 'utf8')).toMatch(
      /path = packages\/model_qwen2\.5-vl\n(\s+\w+ = .*\n)*\s+ignore = none/,
    );
    await git(ws.root, ['add', '.gitmodules', 'nx.json', '.gitignore']);
    await git(ws.root, ['commit', '--quiet', '-m', 'nx sync']);

    writeFileSync(notes, 'draft\n');
    const names = await affected(ws, ['--base=HEAD']);
    expect(names).toContain('model-qwen2-5-vl');
    expect(names).not.toContain('model-interface'); // a dependency, not a dependent
    expect(names).not.toContain('bench-utils');
  });

  it('(c) a commit inside a submodule whose pointer the root has not recorded yet', async () => {
    const sub = join(ws.root, 'packages', 'model_qwen2.5-vl');
    appendFileSync(join(sub, 'README.md'), '\nCommitted in the package only.\n');
    await git(sub, ['commit', '--quiet', '-am', 'package-only commit']);
    const names = await affected(ws, ['--base=HEAD']);
    expect(names).toContain('model-qwen2-5-vl');
    expect(names).not.toContain('bench-utils');
  });

  it('with --base and --head Nx compares commits only (uncommitted submodule edits are not seen)', async () => {
    appendFileSync(join(ws.root, 'packages', 'bench-utils', 'README.md'), '\nuncommitted\n');
    expect(await affected(ws, ['--base=HEAD', '--head=HEAD'])).toEqual([]);
  });
});

describeWithTools(['git', 'uv'], 'cached targets see files inside submodules', () => {
  it('build is a cache hit until a file inside the submodule changes', async () => {
    const ws = await createPlaygroundWorkspace();
    const first = assertSuccess(await runNx(ws.root, ['run', 'bench-utils:build']), ws.root);
    expect(first.stdout).not.toContain('[local cache]');
    const second = assertSuccess(await runNx(ws.root, ['run', 'bench-utils:build']), ws.root);
    expect(`${second.stdout}`).toMatch(/local cache|existing outputs match the cache/);
    appendFileSync(join(ws.root, 'packages', 'bench-utils', 'src', 'bench_utils', '__init__.py'), '\nVALUE = 2\n');
    const third = assertSuccess(await runNx(ws.root, ['run', 'bench-utils:build']), ws.root);
    expect(third.stdout).not.toMatch(/local cache|existing outputs match the cache/);
    expect(third.stdout).toContain('built bench-utils into packages/bench-utils/dist');
  });
});
