/**
 * uv environments end to end: real uv (the pinned one), real git remotes (bare repos with tags
 * `0.1.2`, `v0.1.3.dev0`, …), real Nx, and a local PyTorch index stand-in (generated `torch`
 * wheels `+cpu`, `+cu124`, `+cu128` served over loopback HTTP as PEP 503 simple indexes, like
 * download.pytorch.org/whl/<backend>). What a user checks: exit codes, the plugin's messages,
 * Nx's cache lines, lock contents, and what the environments' pythons import.
 *
 * The playground is built `lockable` (staging/prod can be locked by uv, see
 * tools/fixtures/playground/description.ts) with every submodule initialised, except in the
 * last block, which checks what a non-recursive clone gets from the dev lock.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileUrl } from '../../../tools/fixtures/proc';
import { writeTorchIndex } from '../../../tools/fixtures/torch-index';
import { assertSuccess, describeWithTools, run, runNx, tmpDir, uvCommand, type PlaygroundWorkspace } from './utils';
import {
  countSyncs,
  createUvPlaygroundWorkspace,
  outputOf,
  startTorchIndexFixture,
  taskHeaders,
  venvPython,
  type TorchIndexFixture,
} from './utils/uv';

const STATIC = '--output-style=static';
const read = (ws: PlaygroundWorkspace, rel: string) => readFileSync(join(ws.root, rel), 'utf8');
const log = (title: string, text: string) => process.stdout.write(`\n[uv-environments] ${title}\n${text.trim()}\n`);

/** The `[[package]]` block of `name` in a uv.lock (several for torch: one per backend). */
function lockPackages(lock: string, name: string): string[] {
  return lock
    .split(/\n(?=\[\[package\]\]\n)/)
    .filter((b) => b.startsWith('[[package]]') && b.includes(`\nname = "${name}"\n`));
}

describeWithTools(['git', 'uv'], 'uv environments on the playground', () => {
  let index: TorchIndexFixture;
  let ws: PlaygroundWorkspace;
  const lockFiles = ['uv.lock', 'staging/uv.lock', 'prod/uv.lock'];

  beforeAll(async () => {
    index = await startTorchIndexFixture();
    ws = await createUvPlaygroundWorkspace({ indexUrl: index.url, uninitialised: [] });
  });
  afterAll(async () => {
    await index?.stop();
  });

  it('points every environment at the torch index per backend (explicit indexes, per-extra sources, conflicts)', () => {
    for (const pyproject of ['pyproject.toml', 'staging/pyproject.toml', 'prod/pyproject.toml']) {
      const text = read(ws, pyproject);
      for (const b of ['cpu', 'cu124', 'cu128']) {
        expect(text).toContain(`{ index = "pytorch-${b}", extra = "${b}" },`);
        expect(text).toContain(
          `[[tool.uv.index]]\nname = "pytorch-${b}"\nurl = "${index.url}/${b}"\nexplicit = true\n`,
        );
        expect(text).toContain(`${b} = ["torch>=2.5"]`);
      }
      expect(text).toMatch(
        /conflicts = \[\n {4}\[\n {8}\{ extra = "cpu" \},\n {8}\{ extra = "cu124" \},\n {8}\{ extra = "cu128" \},/,
      );
    }
    expect(ws.manifest.backends.indexes['pytorch-cu128']).toBe(`${index.url}/cu128`);
  });

  it('sync of a staging package before any lock says to lock first', async () => {
    const r = await runNx(ws.root, ['run', 'bench-utils:sync:staging', '--backend', 'cpu', STATIC]);
    expect(r.code).not.toBe(0);
    expect(outputOf(r)).toContain(
      '@mlws/nx: staging/uv.lock does not exist, and the staging environment installs exactly from it: run nx run staging:lock first',
    );
  });

  it('nx run-many -t lock locks dev, staging and prod; from the locks it wrote, the next runs are cache hits', async () => {
    const first = assertSuccess(await runNx(ws.root, ['run-many', '-t', 'lock', STATIC]), ws.root);
    expect(taskHeaders(first.stdout).sort((a, b) => a.task.localeCompare(b.task))).toEqual([
      { task: 'dev:lock', cached: false },
      { task: 'prod:lock', cached: false },
      { task: 'staging:lock', cached: false },
    ]);

    // dev: the editable workspace, torch once per backend, each from its own index.
    const dev = read(ws, 'uv.lock');
    const torch = lockPackages(dev, 'torch');
    expect(torch).toHaveLength(3);
    for (const b of ['cpu', 'cu124', 'cu128']) {
      expect(dev).toContain(`name = "torch"\nversion = "2.5.1+${b}"\nsource = { registry = "${index.url}/${b}" }`);
      const wheel = index.manifest.wheels.find((w) => w.backend === b)!;
      expect(dev).toContain(`hash = "sha256:${wheel.sha256}"`);
    }
    expect(lockPackages(dev, 'bench-utils')[0]).toContain('source = { editable = "packages/bench-utils" }');
    // uv asked the stand-in for each backend's PEP 503 project page (served with no-cache: always asked)
    for (const b of ['cpu', 'cu124', 'cu128']) expect(index.requests).toContain(`GET /${b}/torch/ 200`);
    // staging: the dev tag (with `v`); prod: the stable tag (without `v`), from the bare remotes.
    const staging = read(ws, 'staging/uv.lock');
    const stagingBench = lockPackages(staging, 'bench-utils')[0]!;
    expect(stagingBench).toContain('version = "0.1.3.dev0"');
    expect(stagingBench).toMatch(
      /source = \{ git = "file:\/\/[^"]*\/remotes\/bench-utils\?subdirectory=\.&tag=v0\.1\.3\.dev0#[0-9a-f]{40}" \}/,
    );
    expect(lockPackages(staging, 'model-interface')[0]).toContain('version = "0.1.2.dev0"');
    const prod = read(ws, 'prod/uv.lock');
    const prodBench = lockPackages(prod, 'bench-utils')[0]!;
    expect(prodBench).toContain('version = "0.1.2"');
    expect(prodBench).toMatch(/tag=0\.1\.2#[0-9a-f]{40}/);
    expect(lockPackages(prod, 'model-qwen2-5-vl')).toEqual([]);
    expect(lockPackages(prod, 'torch')).toHaveLength(3);

    const before = lockFiles.map((f) => read(ws, f));
    // `lock` hashes the lock it starts from (uv keeps its pins): the first run started from none,
    // so the second runs uv once more, which finds the locks current and leaves them as they are
    const recheck = assertSuccess(await runNx(ws.root, ['run-many', '-t', 'lock', STATIC]), ws.root);
    expect(taskHeaders(recheck.stdout).filter((t) => t.cached)).toEqual([]);
    expect(lockFiles.map((f) => read(ws, f))).toEqual(before);
    const second = assertSuccess(await runNx(ws.root, ['run-many', '-t', 'lock', STATIC]), ws.root);
    expect(taskHeaders(second.stdout).every((t) => t.cached)).toBe(true);
    expect(taskHeaders(second.stdout)).toHaveLength(3);
    expect(second.stdout).toContain(
      'Nx read the output from the cache instead of running the command for 3 out of 3 tasks.',
    );
    expect(lockFiles.map((f) => read(ws, f))).toEqual(before);

    // another lock for the same pyprojects (a branch, or uv lock --upgrade-package by hand) is
    // another starting point: no cache hit may write the old lock back over it
    const other = before[0].replace(
      /\n\[\[package\]\]\nname = "torch"\n/,
      '\n# another lock of the same pyprojects\n[[package]]\nname = "torch"\n',
    );
    expect(other).not.toBe(before[0]);
    writeFileSync(join(ws.root, 'uv.lock'), other);
    const third = assertSuccess(await runNx(ws.root, ['run', 'dev:lock', STATIC]), ws.root);
    expect(taskHeaders(third.stdout)).toEqual([{ task: 'dev:lock', cached: false }]);
    expect(read(ws, 'uv.lock')).toBe(other); // uv found it current and kept it; Nx wrote nothing over it
    writeFileSync(join(ws.root, 'uv.lock'), before[0]);
  });

  it("editing a member's pyproject reruns only the dev lock", async () => {
    const file = join(ws.root, 'packages/bench-utils/pyproject.toml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('dependencies = []', 'dependencies = ["tomlkit>=0.12"]'));
    const stagingBefore = read(ws, 'staging/uv.lock');
    const r = assertSuccess(await runNx(ws.root, ['run-many', '-t', 'lock', STATIC]), ws.root);
    expect(Object.fromEntries(taskHeaders(r.stdout).map((t) => [t.task, t.cached]))).toEqual({
      'dev:lock': false,
      'staging:lock': true,
      'prod:lock': true,
    });
    expect(r.stdout).toContain(
      'Nx read the output from the cache instead of running the command for 2 out of 3 tasks.',
    );
    expect(lockPackages(read(ws, 'uv.lock'), 'bench-utils')[0]).toMatch(
      /dependencies = \[\n {4}\{ name = "tomlkit" \},\n\]/,
    );
    expect(read(ws, 'staging/uv.lock')).toBe(stagingBefore);
  });

  it('lock-check fails on a stale lock with the fix command, changes nothing, and passes once locked', async () => {
    // staging: move the bench-utils pin from the dev tag to the stable tag without locking.
    const pyproject = join(ws.root, 'staging/pyproject.toml');
    const original = readFileSync(pyproject, 'utf8');
    expect(original).toContain('tag = "v0.1.3.dev0"');
    writeFileSync(pyproject, original.replace('tag = "v0.1.3.dev0"', 'tag = "0.1.2"'));
    const lockBefore = read(ws, 'staging/uv.lock');
    const stale = await runNx(ws.root, ['run', 'staging:lock-check', STATIC]);
    log('nx run staging:lock-check on a stale lock', outputOf(stale));
    expect(stale.code).not.toBe(0);
    expect(outputOf(stale)).toContain(
      '@mlws/nx: staging/uv.lock is out of date with staging/pyproject.toml (the staging environment): run nx run staging:lock (or uv lock --project staging)',
    );
    expect(read(ws, 'staging/uv.lock')).toBe(lockBefore);
    // and sync refuses to install the old pin from it (uv sync --locked), with the same fix
    const staleSync = await runNx(ws.root, ['run', 'staging:sync', '--backend', 'cpu', STATIC]);
    expect(staleSync.code).not.toBe(0);
    expect(outputOf(staleSync)).toContain(
      '@mlws/nx: staging/uv.lock is out of date with staging/pyproject.toml: run nx run-many -t lock (or uv lock --project staging) and sync again',
    );

    // dev: a member gains a dependency the lock does not have.
    const member = join(ws.root, 'packages/model-interface/pyproject.toml');
    writeFileSync(
      member,
      readFileSync(member, 'utf8').replace('"bench-utils>=0.1.2",', '"bench-utils>=0.1.2",\n    "tomlkit>=0.12",'),
    );
    const devStale = await runNx(ws.root, ['run', 'dev:lock-check', STATIC]);
    expect(devStale.code).not.toBe(0);
    expect(outputOf(devStale)).toContain(
      '@mlws/nx: uv.lock is out of date with pyproject.toml (the dev environment): run nx run dev:lock (or uv lock)',
    );

    // the fix the message names, then the check passes (and is cached on a second run).
    assertSuccess(await runNx(ws.root, ['run', 'dev:lock', STATIC]), ws.root);
    writeFileSync(pyproject, original);
    const ok = assertSuccess(await runNx(ws.root, ['run-many', '-t', 'lock-check', STATIC]), ws.root);
    expect(outputOf(ok)).toContain('@mlws/nx: staging/uv.lock is up to date with staging/pyproject.toml');
    expect(outputOf(ok)).toContain('@mlws/nx: uv.lock is up to date with pyproject.toml');
    const again = assertSuccess(await runNx(ws.root, ['run-many', '-t', 'lock-check', STATIC]), ws.root);
    expect(taskHeaders(again.stdout).every((t) => t.cached)).toBe(true);
  });

  it('nx run bench-utils:sync:staging installs the dev-tag pin into staging/.venv; prod gets the stable tag', async () => {
    const none = await runNx(ws.root, ['run', 'bench-utils:sync:staging', STATIC]);
    expect(none.code).not.toBe(0);
    expect(outputOf(none)).toContain(
      '@mlws/nx: no PyTorch backend chosen for the staging environment (staging/pyproject.toml), which declares cpu, cu124, cu128: pass --backend <name>, set MLWS_TORCH_BACKEND, or set "defaultBackend" in the @mlws/nx plugin options in nx.json',
    );

    const r = assertSuccess(
      await runNx(ws.root, ['run', 'bench-utils:sync:staging', '--backend', 'cpu', STATIC]),
      ws.root,
    );
    expect(r.stdout).toContain(
      '@mlws/nx: synced the staging environment: uv sync --project staging --locked --extra cpu',
    );
    const py = assertSuccess(
      await venvPython(
        ws.root,
        'staging',
        'import bench_utils, importlib.metadata as m; print(m.version("bench-utils"))',
      ),
      ws.root,
    );
    expect(py.stdout.trim()).toBe('0.1.3.dev0');
    const where = assertSuccess(
      await venvPython(
        ws.root,
        'staging',
        'import bench_utils, model_interface, torch; print(bench_utils.__file__); print(callable(bench_utils.timer)); print(model_interface.__version__); print(torch.__version__, torch.BACKEND)',
      ),
      ws.root,
    );
    const [file, timer, mi, torch] = where.stdout.trim().split('\n');
    expect(file).toContain(join(ws.root, 'staging/.venv/lib/')); // installed from the tag, not the editable checkout
    expect(timer).toBe('True'); // timer() arrived in the 0.1.3 dev cycle
    expect(mi).toBe('0.1.2.dev0');
    expect(torch).toBe('2.5.1+cpu cpu');

    const prod = assertSuccess(
      await runNx(ws.root, ['run', 'bench-utils:sync:prod', '--backend', 'cpu', STATIC]),
      ws.root,
    );
    expect(prod.stdout).toContain('@mlws/nx: synced the prod environment: uv sync --project prod --locked --extra cpu');
    const prodPy = assertSuccess(
      await venvPython(
        ws.root,
        'prod',
        'import bench_utils, importlib.metadata as m; print(m.version("bench-utils")); print(hasattr(bench_utils, "timer"))',
      ),
      ws.root,
    );
    expect(prodPy.stdout.trim().split('\n')).toEqual(['0.1.2', 'False']);

    const notPinned = await runNx(ws.root, ['run', 'model-qwen2-5-vl:sync:prod', '--backend', 'cpu', STATIC]);
    expect(notPinned.code).not.toBe(0);
    expect(outputOf(notPinned)).toContain(
      '@mlws/nx: model-qwen2-5-vl is not pinned in prod/pyproject.toml, so the prod environment cannot have it: pin a tag with nx g @mlws/nx:pin model-qwen2-5-vl --env prod --tag <tag>',
    );
  });

  it('routes the backend to its index: sync:dev --backend cu128 installs torch 2.5.1+cu128; no backend lists the declared ones', async () => {
    const none = await runNx(ws.root, ['run', 'model-interface:sync:dev', STATIC]);
    expect(none.code).not.toBe(0);
    expect(outputOf(none)).toContain(
      '@mlws/nx: no PyTorch backend chosen for the dev environment (pyproject.toml), which declares cpu, cu124, cu128: pass --backend <name>, set MLWS_TORCH_BACKEND, or set "defaultBackend" in the @mlws/nx plugin options in nx.json',
    );
    const unknown = await runNx(ws.root, ['run', 'model-interface:sync:dev', '--backend', 'cu999', STATIC]);
    expect(unknown.code).not.toBe(0);
    expect(outputOf(unknown)).toMatch(/@mlws\/nx: unknown PyTorch backend "cu999" .*which declares cpu, cu124, cu128/);

    const torchOf = async () =>
      assertSuccess(
        await venvPython(
          ws.root,
          'dev',
          'import torch, importlib.metadata as m; print(m.version("torch"), torch.BACKEND)',
        ),
        ws.root,
      ).stdout.trim();

    const cu128 = assertSuccess(
      await runNx(ws.root, ['run', 'model-interface:sync:dev', '--backend', 'cu128', STATIC]),
      ws.root,
    );
    expect(cu128.stdout).toContain('@mlws/nx: synced the dev environment: uv sync --all-packages --extra cu128');
    expect(await torchOf()).toBe('2.5.1+cu128 cu128');
    // the workspace packages are editable in dev
    const editable = assertSuccess(
      await venvPython(ws.root, 'dev', 'import bench_utils; print(bench_utils.__file__)'),
      ws.root,
    );
    expect(editable.stdout.trim()).toBe(join(ws.root, 'packages/bench-utils/src/bench_utils/__init__.py'));

    // MLWS_TORCH_BACKEND when --backend is absent; switching replaces the build.
    const env = assertSuccess(
      await runNx(ws.root, ['run', 'model-interface:sync:dev', STATIC], { MLWS_TORCH_BACKEND: 'cu124' }),
      ws.root,
    );
    expect(env.stdout).toContain('@mlws/nx: synced the dev environment: uv sync --all-packages --extra cu124');
    expect(await torchOf()).toBe('2.5.1+cu124 cu124');
    const back = assertSuccess(await runNx(ws.root, ['run', 'dev:sync', '--backend', 'cu128', STATIC]), ws.root);
    expect(back.stdout).toContain('--extra cu128');
    expect(await torchOf()).toBe('2.5.1+cu128 cu128');
    // every wheel came from the stand-in, each backend's from its own index
    const wheelGets = index.requests.filter((l) => /^GET \/\w+\/torch-.*\.whl 200$/.test(l));
    for (const l of wheelGets) expect(l).toMatch(/^GET \/(cpu|cu124|cu128)\/torch-2\.5\.1%2B\1-py3-none-any\.whl 200$/);
  });

  it('nx run-many -t sync -c staging over the packages runs uv sync once for staging', async () => {
    rmSync(join(ws.root, 'staging/.venv'), { recursive: true, force: true });
    const packages = Object.values(ws.manifest.packages).map((p) => p.normalisedName);
    const pinned = ws.manifest.environments.staging.pins.map((p) => p.target);
    expect(pinned.sort()).toEqual([...packages].sort());

    const r = assertSuccess(
      await runNx(
        ws.root,
        ['run-many', '-t', 'sync', '-c', 'staging', `--projects=${packages.join(',')}`, '--parallel=4', STATIC],
        {
          MLWS_TORCH_BACKEND: 'cpu',
        },
      ),
      ws.root,
    );
    expect(
      taskHeaders(r.stdout)
        .map((t) => t.task)
        .sort(),
    ).toEqual(packages.map((p) => `${p}:sync:staging`).sort());
    const counts = countSyncs(r.stdout);
    log(
      `nx run-many -t sync -c staging over ${packages.length} packages: uv sync ran ${counts['staging']?.ran ?? 0}×, skipped ${counts['staging']?.skipped ?? 0}×`,
      JSON.stringify(counts),
    );
    expect(counts).toEqual({ staging: { ran: 1, skipped: packages.length - 1 } });
    const py = assertSuccess(
      await venvPython(ws.root, 'staging', 'import importlib.metadata as m; print(m.version("bench-utils"))'),
      ws.root,
    );
    expect(py.stdout.trim()).toBe('0.1.3.dev0');

    // Over every project: the environment projects' sync targets have a `staging` configuration
    // too, so every task readies staging, and uv sync ran for it already: nothing runs again.
    const all = assertSuccess(
      await runNx(ws.root, ['run-many', '-t', 'sync', '-c', 'staging', STATIC], { MLWS_TORCH_BACKEND: 'cpu' }),
      ws.root,
    );
    const allCounts = countSyncs(all.stdout);
    log(
      `nx run-many -t sync -c staging over all projects (${taskHeaders(all.stdout).length} tasks)`,
      JSON.stringify(allCounts),
    );
    expect(allCounts).toEqual({ staging: { ran: 0, skipped: packages.length + 3 } }); // + dev, staging, prod
  });
});

describeWithTools(['git', 'uv'], 'uv environments: uninitialised submodule, index as file URL', () => {
  it("the dev lock's failure on a non-recursive clone names the submodule and the fix; staging still locks", async () => {
    const index = await startTorchIndexFixture();
    try {
      const ws = await createUvPlaygroundWorkspace({ indexUrl: index.url, uninitialised: ['prompt-handler'] });
      const r = await runNx(ws.root, ['run', 'dev:lock', STATIC]);
      log('nx run dev:lock with packages/prompt-handler not initialised', outputOf(r));
      expect(r.code).not.toBe(0);
      const out = outputOf(r);
      // uv's cause, the executor's one line, and the plugin's diagnosis with the fix.
      expect(out).toContain('`prompt-handler` references a workspace in `tool.uv.sources`');
      expect(out).toContain('@mlws/nx: uv lock failed with exit code 1 for the dev environment');
      expect(out).toContain('run git submodule update --init packages/prompt-handler');
      expect(out).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
      // staging pins by tag from the remotes: it does not need the submodule checked out
      assertSuccess(await runNx(ws.root, ['run', 'staging:lock', STATIC]), ws.root);
    } finally {
      await index.stop();
    }
  });

  it('uv also takes the stand-in as file:// flat indexes', async () => {
    const dir = tmpDir('torch-file-index');
    const idx = join(dir, 'index');
    mkdirSync(idx);
    writeTorchIndex(idx);
    const proj = join(dir, 'proj');
    mkdirSync(proj);
    const indexes = ['cpu', 'cu124', 'cu128']
      .map(
        (b) =>
          `[[tool.uv.index]]\nname = "pytorch-${b}"\nurl = "${fileUrl(join(idx, b))}"\nexplicit = true\nformat = "flat"\n`,
      )
      .join('\n');
    writeFileSync(
      join(proj, 'pyproject.toml'),
      [
        '[project]',
        'name = "file-index-check"',
        'version = "0.1.0"',
        'requires-python = ">=3.10"',
        'dependencies = []',
        '[project.optional-dependencies]',
        'cpu = ["torch>=2.5"]',
        'cu124 = ["torch>=2.5"]',
        'cu128 = ["torch>=2.5"]',
        '[tool.uv]',
        'conflicts = [[{ extra = "cpu" }, { extra = "cu124" }, { extra = "cu128" }]]',
        '[tool.uv.sources]',
        'torch = [{ index = "pytorch-cpu", extra = "cpu" }, { index = "pytorch-cu124", extra = "cu124" }, { index = "pytorch-cu128", extra = "cu128" }]',
        '',
        indexes,
      ].join('\n'),
    );
    assertSuccess(await run(uvCommand(), ['sync', '--extra', 'cu124', '--no-progress'], { cwd: proj }), proj);
    const r = assertSuccess(
      await run(join(proj, '.venv/bin/python'), ['-c', 'import torch; print(torch.__version__, torch.BACKEND)'], {
        cwd: proj,
      }),
      proj,
    );
    expect(r.stdout.trim()).toBe('2.5.1+cu124 cu124');
    expect(readFileSync(join(proj, 'uv.lock'), 'utf8')).toContain(
      `{ path = "${join(idx, 'cu128', 'torch-2.5.1+cu128-py3-none-any.whl')}" }`,
    );
  });
});
