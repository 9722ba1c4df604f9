/**
 * The submodule generators end to end — `package`, `remove`, `move` — with real Nx (the plugin
 * from the local registry), real git (bare repositories as remotes, file URLs) and the pinned uv.
 *
 * One workspace is built up test after test, as a user would: `nx g @mlws/nx:init` scaffolds the
 * uv workspace (its PyTorch indexes pointed at the local torch index stand-in), three packages with
 * internal dependencies are created, the root is pushed and cloned recursively, then a package is
 * moved and another removed. The failure paths (refusals before anything is written, a push
 * rejected in the callback) and --dry-run must leave `git status` clean.
 */
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileUrl } from '../../../tools/fixtures/proc';
import {
  assertSuccess,
  createWorkspaceFromTemplate,
  describeWithTools,
  git,
  run,
  runGit,
  runNx,
  tmpDir,
  uvCommand,
  type RunResult,
} from './utils';
import { startTorchIndexFixture, type TorchIndexFixture } from './utils/uv';

const log = (title: string, text: string) =>
  process.stdout.write(`\n[generators-submodules] ${title}\n${text.trim()}\n`);
const output = (r: RunResult) => `${r.stdout}\n${r.stderr}`;

describeWithTools(['git', 'uv'], 'submodule generators: package, remove, move', () => {
  let index: TorchIndexFixture;
  let root: string;
  let remotes: string;
  const remote = (name: string) => fileUrl(join(remotes, `${name}.git`));
  const read = (rel: string) => readFileSync(join(root, rel), 'utf8');
  const uv = (args: string[], cwd = root) => run(uvCommand(), args, { cwd, env: { VIRTUAL_ENV: undefined } });
  const nx = async (args: string[], env?: Record<string, string>) => {
    const r = await runNx(root, args, env);
    log(`nx ${args.join(' ')} → exit ${r.code}`, output(r));
    return r;
  };
  /** Paths git reports as changed or untracked in the root (what "nothing changed" means). */
  const status = async () => (await git(root, ['status', '--porcelain', '--untracked-files=all'])).trim();
  const commitAll = async (message: string) => {
    await git(root, ['add', '--all']);
    await git(root, ['commit', '--quiet', '-m', message]);
  };

  beforeAll(async () => {
    index = await startTorchIndexFixture();
    root = await createWorkspaceFromTemplate('submodules');
    remotes = tmpDir('submodule-remotes');
    for (const name of ['core', 'utils', 'model-qwen', 'dry', 'rejecting', 'root'])
      await git(remotes, ['init', '--quiet', '--bare', `${name}.git`]);
    const hook = join(remotes, 'rejecting.git', 'hooks', 'pre-receive');
    writeFileSync(hook, '#!/bin/sh\necho "pushes are closed today" >&2\nexit 1\n');
    chmodSync(hook, 0o755);

    assertSuccess(await nx(['g', '@mlws/nx:init', `--torchIndexUrl=${index.url}`, '--no-interactive']), root);
    await commitAll('uv workspace (nx g @mlws/nx:init)');
  });
  afterAll(async () => {
    await index?.stop();
  });

  it('creates three packages with internal dependencies, each in its own repository attached as a submodule', async () => {
    const first = assertSuccess(await nx(['g', '@mlws/nx:package', 'core', `--remote=${remote('core')}`]), root);
    expect(first.stdout).toContain(
      `@mlws/nx: package core: project core, import core, directory packages/core, own repository ${remote('core')}`,
    );
    assertSuccess(
      await nx(['g', '@mlws/nx:package', 'utils', `--remote=${remote('utils')}`, '--dependencies=core']),
      root,
    );
    const third = assertSuccess(
      await nx([
        'g',
        '@mlws/nx:package',
        'Model_Qwen',
        '--directory=packages/model-qwen',
        `--remote=${remote('model-qwen')}`,
        '--dependencies=core,utils',
      ]),
      root,
    );
    expect(third.stdout).toContain(
      '@mlws/nx: package Model_Qwen: project model-qwen, import model_qwen, directory packages/model-qwen',
    );
    expect(third.stdout).toContain('CREATE packages/model-qwen/src/model_qwen/py.typed');
    expect(third.stdout).toContain('@mlws/nx: created model-qwen in packages/model-qwen, pushed to');

    const projects = JSON.parse(assertSuccess(await nx(['show', 'projects', '--json']), root).stdout) as string[];
    expect(projects).toEqual(expect.arrayContaining(['core', 'utils', 'model-qwen', 'staging', 'prod']));

    const submodules = await git(root, ['submodule', 'status']);
    log('git submodule status', submodules);
    expect(submodules.split('\n').map((l) => l.trim().split(' ')[1])).toEqual([
      'packages/core',
      'packages/model-qwen',
      'packages/utils',
    ]);
    expect(submodules).not.toMatch(/^[-+U]/m); // initialised, at the recorded commit, no conflicts
    expect(read('.gitmodules')).toBe(
      ['core', 'utils', 'model-qwen']
        .map((n) => `[submodule "packages/${n}"]\n\tpath = packages/${n}\n\turl = ${remote(n)}\n\tignore = none\n`)
        .join(''),
    );
    for (const n of ['core', 'utils', 'model-qwen']) {
      // each repository: one commit on main, pushed; its git directory absorbed into the root's
      expect(await git(join(remotes, `${n}.git`), ['rev-list', '--count', 'main'])).toBe('1');
      expect(read(`packages/${n}/.git`)).toBe(`gitdir: ../../.git/modules/packages/${n}\n`);
      expect(await git(join(root, 'packages', n), ['status', '--porcelain'])).toBe('');
    }
    expect(read('packages/model-qwen/pyproject.toml')).toContain('dependencies = [\n    "core",\n    "utils",\n]\n');
    const rootPyproject = read('pyproject.toml');
    expect(rootPyproject).toMatch(/dependencies = \[\n {4}"core",\n {4}"utils",\n {4}"model-qwen",\n\]/);
    expect(rootPyproject).toContain(
      'core = { workspace = true }\nutils = { workspace = true }\nmodel-qwen = { workspace = true }\n',
    );

    const graphFile = join(tmpDir('graph'), 'graph.json');
    assertSuccess(await nx(['graph', `--file=${graphFile}`]), root);
    const deps = (
      JSON.parse(readFileSync(graphFile, 'utf8')) as {
        graph: { dependencies: Record<string, Array<{ target: string }>> };
      }
    ).graph.dependencies;
    expect((deps['model-qwen'] ?? []).map((d) => d.target).sort()).toEqual(['core', 'utils']);
    expect((deps['utils'] ?? []).map((d) => d.target)).toEqual(['core']);

    assertSuccess(await uv(['lock', '--locked']), root);
    await commitAll('Add core, utils, model-qwen');
    const sync = assertSuccess(await nx(['sync', '--check']), root);
    expect(output(sync)).not.toMatch(/out of sync/i);
  });

  it('a fresh git clone --recursive of the root is a working workspace (uv lock --locked passes there)', async () => {
    await git(root, ['remote', 'add', 'origin', remote('root')]);
    await git(root, ['push', '--quiet', 'origin', 'main']);
    const clone = join(tmpDir('clone'), 'ml');
    await git(remotes, ['clone', '--quiet', '--recursive', remote('root'), clone]);
    const submodules = await git(clone, ['submodule', 'status']);
    expect(submodules.split('\n')).toHaveLength(3);
    expect(submodules).not.toMatch(/^[-+U]/m);
    expect(readFileSync(join(clone, 'packages', 'utils', 'src', 'utils', 'py.typed'), 'utf8')).toBe('');
    assertSuccess(await uv(['lock', '--locked'], clone), clone);
  });

  it("new packages' test and lint run in the dev environment with the chosen backend, before anyone synced a venv", async () => {
    expect(existsSync(join(root, '.venv'))).toBe(false);
    // the workspace declares backends: no backend, no run (never a torch nobody chose)
    const none = await nx(['run', 'core:test', '--output-style=static']);
    expect(none.code).not.toBe(0);
    expect(output(none)).toContain(
      '@mlws/nx: no PyTorch backend chosen for the dev environment (pyproject.toml) that pytest of core runs in, which declares cpu, cu124, cu128',
    );
    const r = assertSuccess(
      await nx(['run-many', '-t', 'test', 'lint', '--projects=core,utils,model-qwen', '--output-style=static'], {
        MLWS_TORCH_BACKEND: 'cpu',
      }),
      root,
    );
    expect(output(r)).toMatch(/Successfully ran targets test, lint for 3 projects/);
    const torch = await run(join(root, '.venv', 'bin', 'python'), ['-c', 'import torch; print(torch.__version__)'], {
      cwd: root,
    });
    expect(torch.stdout.trim()).toBe('2.5.1+cpu');
    // the reports are the workspace's (under the plugin-owned .mlws/), not the packages' (their repositories stay clean)
    expect(existsSync(join(root, '.mlws', 'reports', 'packages', 'core', 'junit.xml'))).toBe(true);
    for (const n of ['core', 'utils', 'model-qwen'])
      expect(await git(join(root, 'packages', n), ['status', '--porcelain'])).toBe('');
  });

  it('--dry-run lists every file and every git/uv command, and runs none', async () => {
    const r = assertSuccess(
      await nx(['g', '@mlws/nx:package', 'dry', `--remote=${remote('dry')}`, '--dependencies=core', '--dry-run']),
      root,
    );
    for (const file of [
      'pyproject.toml',
      'README.md',
      '.gitignore',
      'src/dry/__init__.py',
      'src/dry/py.typed',
      'tests/test_dry.py',
    ]) {
      expect(r.stdout).toContain(`CREATE packages/dry/${file}`);
    }
    expect(r.stdout).toContain('UPDATE pyproject.toml');
    expect(r.stdout).toContain('UPDATE .gitmodules');
    const plan = [
      'git -C packages/dry init --quiet --initial-branch=main',
      'git -C packages/dry add --all',
      "git -C packages/dry commit --quiet -m 'Create dry 0.1.0.dev0'",
      `git -C packages/dry remote add origin ${remote('dry')}`,
      `git -c protocol.file.allow=always submodule add --quiet --name packages/dry -- ${remote('dry')} packages/dry`,
      'git submodule absorbgitdirs -- packages/dry',
      'uv lock',
      'git -C packages/dry -c protocol.file.allow=always push --quiet --set-upstream origin main',
    ];
    expect(r.stdout).toContain(
      `@mlws/nx: after the files are written, runs (skipped with --dry-run):\n${plan.map((l) => `  ${l}`).join('\n')}\n`,
    );
    expect(output(r)).toContain('NOTE: The "dryRun" flag means no changes were made.');
    expect(r.stdout).not.toContain('@mlws/nx: $ '); // the callback did not run
    expect(await status()).toBe('');
    expect(existsSync(join(root, 'packages', 'dry'))).toBe(false);
    expect(existsSync(join(root, '.git', 'modules', 'packages', 'dry'))).toBe(false);
    expect(await git(join(remotes, 'dry.git'), ['for-each-ref'])).toBe('');

    const move = assertSuccess(await nx(['g', '@mlws/nx:move', 'core', '--to=packages/kernel', '--dry-run']), root);
    expect(move.stdout).toContain('  git mv -- packages/core packages/kernel\n');
    expect(move.stdout).toContain('  uv lock --upgrade-package core\n');
    expect(await status()).toBe('');
    expect(existsSync(join(root, 'packages', 'core', 'pyproject.toml'))).toBe(true);

    const remove = assertSuccess(await nx(['g', '@mlws/nx:remove', 'model-qwen', '--dry-run']), root);
    expect(remove.stdout).toContain(
      '  git submodule deinit --force -- packages/model-qwen\n  git rm --quiet --force -- packages/model-qwen\n  uv lock\n  rm -rf .git/modules/packages/model-qwen\n',
    );
    expect(remove.stdout).toContain('UPDATE pyproject.toml');
    expect(await status()).toBe('');
    expect(existsSync(join(root, '.git', 'modules', 'packages', 'model-qwen'))).toBe(true);
  });

  it('refuses bad input with one line and changes nothing', async () => {
    const cases: Array<[string[], string]> = [
      [
        ['g', '@mlws/nx:package', 'gone', `--remote=${fileUrl(join(remotes, 'missing.git'))}`],
        `@mlws/nx: the remote ${fileUrl(join(remotes, 'missing.git'))} is not reachable (git ls-remote: fatal: `,
      ],
      [
        ['g', '@mlws/nx:package', 'model qwen', `--remote=${remote('dry')}`],
        '@mlws/nx: "model qwen" is not a valid package name (PEP 508: letters, digits, and "-", "_", "." inside): try nx g @mlws/nx:package model-qwen',
      ],
      [
        ['g', '@mlws/nx:package', 'x', '--remote=ext::sh'],
        '@mlws/nx: the remote "ext::sh" is refused: remote-helper transports (ext::, fd::) are not allowed',
      ],
      [
        ['g', '@mlws/nx:package', 'x', `--remote=${remote('core')}`],
        `@mlws/nx: the remote ${remote('core')} already has a main branch; a new package needs an empty repository`,
      ],
      [
        ['g', '@mlws/nx:package', 'utils', `--remote=${remote('dry')}`],
        '@mlws/nx: packages/utils already exists: choose another directory with --directory, or remove packages/utils first',
      ],
      [
        ['g', '@mlws/nx:package', 'x', `--remote=${remote('dry')}`, '--dependencies=nope'],
        '@mlws/nx: --dependencies: no package nope in the workspace (packages: core, model-qwen, utils)',
      ],
      [
        ['g', '@mlws/nx:remove', 'core'],
        '@mlws/nx: model-qwen, utils depend on core: drop core from the dependencies of model-qwen, utils first, then remove it',
      ],
      [['g', '@mlws/nx:move', 'utils', '--to=libs/utils'], '@mlws/nx: libs/utils would not be a uv workspace member'],
    ];
    for (const [args, message] of cases) {
      const r = await nx(args);
      expect(r.code).toBe(1);
      const lines = r.stderr.split('\n').filter((l) => l.includes('@mlws/nx:'));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(message);
      expect(output(r)).not.toMatch(/stacktrace|\n\s+at /);
      expect(await status()).toBe('');
    }
    expect(await git(join(remotes, 'dry.git'), ['for-each-ref'])).toBe('');
  });

  it('a push rejected in the callback rolls back the submodule entry, .git/modules, the repository and the files', async () => {
    const r = await nx(['g', '@mlws/nx:package', 'blocked', `--remote=${remote('rejecting')}`]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      '@mlws/nx: git -C packages/blocked -c protocol.file.allow=always push --quiet --set-upstream origin main failed: ',
    );
    expect(r.stderr).toContain('; rolled back, the workspace is as it was');
    expect(r.stdout).toContain('@mlws/nx: undo: $ git reset --quiet -- .gitmodules packages/blocked');
    expect(await status()).toBe('');
    expect(existsSync(join(root, 'packages', 'blocked'))).toBe(false);
    expect(existsSync(join(root, '.git', 'modules', 'packages', 'blocked'))).toBe(false);
    expect((await runGit(root, ['config', '--get-regexp', '^submodule\\.packages/blocked\\.'])).stdout).toBe('');
    expect(await git(join(remotes, 'rejecting.git'), ['for-each-ref'])).toBe('');
  });

  it('moves a submodule: .gitmodules, work tree, .git/modules core.worktree, sync, lock', async () => {
    assertSuccess(await nx(['g', '@mlws/nx:move', 'utils', '--to=packages/utilities']), root);
    expect(read('.gitmodules')).toContain('[submodule "packages/utils"]\n\tpath = packages/utilities\n');
    expect(existsSync(join(root, 'packages', 'utils'))).toBe(false);
    expect(await git(root, ['config', '--file', '.git/modules/packages/utils/config', 'core.worktree'])).toBe(
      '../../../../packages/utilities',
    );
    expect(await git(join(root, 'packages', 'utilities'), ['rev-parse', '--show-toplevel'])).toBe(
      join(root, 'packages', 'utilities'),
    );
    expect(await git(join(root, 'packages', 'utilities'), ['status', '--porcelain'])).toBe('');
    expect(await git(root, ['submodule', 'status', '--', 'packages/utilities'])).toMatch(
      /^ [0-9a-f]{40} packages\/utilities /,
    );
    expect(read('uv.lock')).toContain('source = { editable = "packages/utilities" }');
    assertSuccess(await uv(['lock', '--locked']), root);
    const project = JSON.parse(assertSuccess(await nx(['show', 'project', 'utils', '--json']), root).stdout) as {
      root: string;
    };
    expect(project.root).toBe('packages/utilities');
    await commitAll('Move utils to packages/utilities');
    assertSuccess(await nx(['sync', '--check']), root);
  });

  it('removes a package pinned in staging: submodule, .git/modules, root and staging entries, relocked', async () => {
    // staging pins every package at its dev tag (what `nx g @mlws/nx:pin` writes), and is locked
    const pins: string[] = [];
    for (const [name, dir] of [
      ['core', 'core'],
      ['utils', 'utilities'],
      ['model-qwen', 'model-qwen'],
    ] as const) {
      const sub = join(root, 'packages', dir);
      await git(sub, ['tag', '-a', 'v0.1.0.dev0', '-m', `${name} 0.1.0.dev0`]);
      await git(sub, ['push', '--quiet', 'origin', 'v0.1.0.dev0']);
      pins.push(`${name} = { git = "${remote(name)}", tag = "v0.1.0.dev0" }`);
    }
    const staging = read('staging/pyproject.toml')
      .replace('dependencies = [\n]', 'dependencies = [\n    "core",\n    "utils",\n    "model-qwen",\n]')
      .replace('[tool.uv.sources]\n', `[tool.uv.sources]\n${pins.join('\n')}\n`);
    writeFileSync(join(root, 'staging', 'pyproject.toml'), staging);
    assertSuccess(await uv(['lock', '--project', 'staging']), root);
    await commitAll('Pin the packages in staging');

    // something only local in the submodule is refused, with nothing changed
    writeFileSync(join(root, 'packages', 'model-qwen', 'NOTES.md'), 'draft\n');
    const dirty = await nx(['g', '@mlws/nx:remove', 'model-qwen']);
    expect(dirty.code).toBe(1);
    expect(dirty.stderr).toContain('@mlws/nx: packages/model-qwen has uncommitted changes that would be lost');
    expect(await git(join(root, 'packages', 'model-qwen'), ['status', '--porcelain'])).toBe('?? NOTES.md');
    await run('rm', [join(root, 'packages', 'model-qwen', 'NOTES.md')], { cwd: root });

    const r = assertSuccess(await nx(['g', '@mlws/nx:remove', 'model-qwen']), root);
    expect(r.stdout).toContain('UPDATE pyproject.toml');
    expect(r.stdout).toContain('UPDATE staging/pyproject.toml');
    expect(r.stdout).toContain('@mlws/nx: $ uv lock --project staging');
    expect(await git(root, ['submodule', 'status'])).not.toContain('model-qwen');
    expect(read('.gitmodules')).not.toContain('model-qwen');
    expect(existsSync(join(root, 'packages', 'model-qwen'))).toBe(false);
    expect(existsSync(join(root, '.git', 'modules', 'packages', 'model-qwen'))).toBe(false);
    expect(read('pyproject.toml')).not.toContain('model-qwen');
    expect(read('staging/pyproject.toml')).not.toContain('model-qwen');
    expect(read('staging/pyproject.toml')).toContain(`utils = { git = "${remote('utils')}", tag = "v0.1.0.dev0" }`);
    expect(read('staging/uv.lock')).not.toContain('model-qwen');
    assertSuccess(await uv(['lock', '--locked']), root);
    assertSuccess(await uv(['lock', '--project', 'staging', '--locked']), root);
    await commitAll('Remove model-qwen');
    expect(await status()).toBe('');
    const projects = JSON.parse(assertSuccess(await nx(['show', 'projects', '--json']), root).stdout) as string[];
    expect(projects).not.toContain('model-qwen');
    expect(projects).toEqual(expect.arrayContaining(['core', 'utils']));
    assertSuccess(await nx(['sync', '--check']), root);
  });
});
