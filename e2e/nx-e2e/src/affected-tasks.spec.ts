/**
 * `nx affected -t …` selecting *tasks* through git submodules (Nx 24's default; Nx 23 opts in with
 * `NX_LEGACY_AFFECTED=false`, which the suite passes in both cases) and in legacy (project-level)
 * mode, `NX_LEGACY_AFFECTED=true`.
 *
 * Git reports a change inside a submodule as one path, the submodule's own. The plugin adds that
 * path to every task input that reaches into the submodule, so the package's build/test/lint,
 * its dependents' test/lint and the dev image are selected, while prod's image and the pinned
 * environments' lock/lock-check/sync (inputs: their pyproject + lock) are not.
 */
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  assertSuccess,
  createPlaygroundWorkspace,
  describeWithTools,
  git,
  runNx,
  type PlaygroundWorkspace,
} from './utils';

jest.setTimeout(10 * 60 * 1000);

const TARGETS = ['build', 'test', 'lint', 'docker-build'];
type Mode = 'tasks' | 'legacy';
const MODES: Mode[] = ['tasks', 'legacy'];

/** The requested-target tasks `nx affected` would run (dependencies of other targets left out). */
async function affectedTasks(
  ws: PlaygroundWorkspace,
  mode: Mode,
  args: string[],
  targets = TARGETS,
): Promise<string[]> {
  const file = join(ws.dir, `tasks-${mode}-${Date.now()}.json`);
  const env = { NX_LEGACY_AFFECTED: mode === 'legacy' ? 'true' : 'false' };
  assertSuccess(await runNx(ws.root, ['affected', '-t', ...targets, ...args, `--graph=${file}`], env), ws.root);
  const graph = JSON.parse(readFileSync(file, 'utf8')) as {
    tasks: { tasks: Record<string, { target: { project: string; target: string } }> };
  };
  return Object.values(graph.tasks.tasks)
    .filter((t) => targets.includes(t.target.target))
    .map((t) => `${t.target.project}:${t.target.target}`)
    .sort();
}

/** What a change inside bench-utils (a submodule; model-interface → bench-utils, model-qwen2-5-vl → model-interface) must select. */
const BENCH_UTILS_SELECTED = [
  'bench-utils:build',
  'bench-utils:test',
  'bench-utils:lint',
  'model-interface:test',
  'model-interface:lint',
  'model-qwen2-5-vl:test',
  'model-qwen2-5-vl:lint',
  'dev:docker-build',
];

function expectBenchUtilsSelection(tasks: string[], mode: Mode): void {
  expect(tasks).toEqual(expect.arrayContaining(BENCH_UTILS_SELECTED));
  // unrelated packages: never
  expect(tasks.filter((t) => t.startsWith('release-tool:') || t.startsWith('prompt-handler:'))).toEqual([]);
  if (mode === 'tasks') {
    // exactly the tasks whose inputs reach bench-utils: not prod's image (pinned by tag), not a
    // dependent's wheel (built from its own sources only)
    expect(tasks).toEqual([...BENCH_UTILS_SELECTED].sort());
  }
}

describeWithTools(['git'], 'affected tasks through submodules', () => {
  let ws: PlaygroundWorkspace;
  beforeEach(async () => {
    ws = await createPlaygroundWorkspace();
    assertSuccess(await runNx(ws.root, ['g', '@mlws/nx:dockerfile', '--no-interactive']), ws.root);
    await git(ws.root, ['add', '--all']);
    await git(ws.root, ['commit', '--quiet', '-m', 'Dockerfile']);
  });

  it('a clean tree selects nothing, in both modes', async () => {
    for (const mode of MODES) expect(await affectedTasks(ws, mode, ['--base=HEAD'])).toEqual([]);
  });

  it('an uncommitted edit inside a submodule selects the package, its dependents and the dev image', async () => {
    appendFileSync(
      join(ws.root, 'packages', 'bench-utils', 'src', 'bench_utils', '__init__.py'),
      '\n# edited, not committed\n',
    );
    for (const mode of MODES) expectBenchUtilsSelection(await affectedTasks(ws, mode, ['--base=HEAD']), mode);
    // the reason Nx gives names the submodule path and the input that matched it
    const explain = assertSuccess(
      await runNx(ws.root, ['affected', '-t', 'build', '--base=HEAD', '--explain'], { NX_LEGACY_AFFECTED: 'false' }),
      ws.root,
    );
    expect(`${explain.stdout}${explain.stderr}`).toContain('packages/bench-utils');
  });

  it('a commit inside a submodule that the root has not recorded yet', async () => {
    const sub = join(ws.root, 'packages', 'bench-utils');
    appendFileSync(join(sub, 'README.md'), '\nCommitted in the package only.\n');
    await git(sub, ['commit', '--quiet', '-am', 'package-only commit']);
    for (const mode of MODES) expectBenchUtilsSelection(await affectedTasks(ws, mode, ['--base=HEAD']), mode);
  });

  it('a pointer moved in a root commit (--base=HEAD~1 --head=HEAD)', async () => {
    const sub = join(ws.root, 'packages', 'bench-utils');
    appendFileSync(join(sub, 'README.md'), '\nA change made upstream.\n');
    await git(sub, ['commit', '--quiet', '-am', 'upstream change']);
    await git(ws.root, ['add', 'packages/bench-utils']);
    await git(ws.root, ['commit', '--quiet', '-m', 'Move bench-utils forward']);
    for (const mode of MODES)
      expectBenchUtilsSelection(await affectedTasks(ws, mode, ['--base=HEAD~1', '--head=HEAD']), mode);
  });

  it('a new untracked file inside a submodule declared ignore = none', async () => {
    assertSuccess(await runNx(ws.root, ['g', '@mlws/nx:init', '--no-interactive']), ws.root);
    assertSuccess(await runNx(ws.root, ['sync']), ws.root);
    await git(ws.root, ['add', '--all']);
    await git(ws.root, ['commit', '--quiet', '-m', 'nx sync: ignore = none']);
    writeFileSync(join(ws.root, 'packages', 'bench-utils', 'src', 'bench_utils', 'new_module.py'), 'X = 1\n');
    for (const mode of MODES) expectBenchUtilsSelection(await affectedTasks(ws, mode, ['--base=HEAD']), mode);
  });

  it("an environment's pyproject edit selects that environment's lock, lock-check and image, not the packages", async () => {
    appendFileSync(join(ws.root, 'prod', 'pyproject.toml'), '\n# a comment in prod\n');
    const targets = [...TARGETS, 'lock', 'lock-check', 'sync'];
    const tasks = await affectedTasks(ws, 'tasks', ['--base=HEAD'], targets);
    expect(tasks).toEqual(['prod:docker-build', 'prod:lock', 'prod:lock-check', 'prod:sync']);
    const legacy = await affectedTasks(ws, 'legacy', ['--base=HEAD'], targets);
    expect(legacy).toEqual(expect.arrayContaining(['prod:docker-build', 'prod:lock', 'prod:lock-check']));
    expect(legacy.filter((t) => /^(bench-utils|model-interface|model-qwen2-5-vl|staging):/.test(t))).toEqual([]);
  });

  it("targets whose inputs come from the workspace's own named inputs (targetDefaults) see through submodules too", async () => {
    const nxJson = JSON.parse(readFileSync(join(ws.root, 'nx.json'), 'utf8'));
    nxJson.namedInputs = {
      default: ['{projectRoot}/**/*', 'sharedGlobals'],
      production: ['default', '!{projectRoot}/tests/**/*'],
      sharedGlobals: [],
    };
    nxJson.targetDefaults = { build: { inputs: ['production', '^production'] } };
    writeFileSync(join(ws.root, 'nx.json'), `${JSON.stringify(nxJson, null, 2)}\n`);
    await git(ws.root, ['commit', '--quiet', '-am', 'named inputs and targetDefaults']);
    appendFileSync(join(ws.root, 'packages', 'bench-utils', 'src', 'bench_utils', '__init__.py'), '\n# edited\n');
    for (const mode of MODES) {
      const tasks = await affectedTasks(ws, mode, ['--base=HEAD'], ['build']);
      // build now reads ^production: the dependents' wheels are selected as well
      expect(tasks).toEqual(
        expect.arrayContaining(['bench-utils:build', 'model-interface:build', 'model-qwen2-5-vl:build']),
      );
      expect(tasks).not.toContain('release-tool:build');
    }
  });

  it('a package edit leaves the pinned environments alone: no staging/prod lock, lock-check, sync or prod image', async () => {
    appendFileSync(join(ws.root, 'packages', 'bench-utils', 'src', 'bench_utils', '__init__.py'), '\n# edited\n');
    const tasks = await affectedTasks(ws, 'tasks', ['--base=HEAD'], [...TARGETS, 'lock', 'lock-check', 'sync']);
    expect(tasks.filter((t) => /^(staging|prod):/.test(t))).toEqual([]);
    expect(tasks).toEqual(
      expect.arrayContaining([...BENCH_UTILS_SELECTED, 'bench-utils:sync', 'dev:lock', 'dev:sync']),
    );
  });
});
