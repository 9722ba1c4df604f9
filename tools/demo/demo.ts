/**
 * `npm run demo [-- <dir>]`: the whole product on a fresh machine, nothing set up by hand.
 *
 * Builds @mlws/nx and publishes it to a local npm registry, then does what a user does in an empty
 * directory: git init, npm install nx + @mlws/nx, nx g @mlws/nx:init, three packages in their own
 * repositories (bare repos as remotes) attached as submodules, nx graph, locks, a dev venv with the
 * cpu backend, builds, a release, a pin in staging, a second release that moves the pin, the
 * staging venv, the tests, and the dev image where a Docker engine runs. The PyTorch index and the
 * GitHub releases API are local stand-ins that speak the real protocols (tools/fixtures/torch-index,
 * tools/fixtures/github-api). What each step shows: docs/demo.md.
 *
 * Every step checks what it expects: the demo exits 1 at the first expectation that fails, with the
 * report so far. A report (steps, times, notes, where to look) ends it; the facts it checked are
 * also written to <dir>/demo-report.json (e2e/nx-e2e/src/demo.spec.ts asserts them).
 *
 * <dir> (default: a new temp dir) must be empty or made by an earlier run (it holds .mlws-demo):
 * then it is emptied first. MLWS_DEMO_REGISTRY + MLWS_DEMO_NPMRC: use that npm registry, where
 * @mlws/nx (dist/packages/nx) is already published, instead of building and publishing it.
 */
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startGithubApi, type GithubApiServer } from '../fixtures/github-api';
import { fileUrl, run } from '../fixtures/proc';
import { startTorchIndex, writeTorchIndex, type TorchIndexServer } from '../fixtures/torch-index';
import {
  npmEnv,
  PLUGIN_DIST,
  publishPlugin,
  REPO_ROOT,
  startLocalRegistry,
  type LocalRegistry,
} from '../local-registry';
import { readVersions } from '../setup/versions';
import { check, must, pluginLines, Steps, stripAnsi, tasksOf } from './steps';

/** The file that marks a directory as the demo's own: only such a directory is emptied. */
const MARKER = '.mlws-demo';
const WORKSPACE = 'ml-demo';
const TOKEN = 'ghp_demoTokenNeverPrinted';

/** The packages: name → internal dependencies. ml-train also needs torch (added by hand, as a user does). */
const PACKAGES: Array<{ name: string; deps: string[] }> = [
  { name: 'ml-core', deps: [] },
  { name: 'ml-data', deps: ['ml-core'] },
  { name: 'ml-train', deps: ['ml-core', 'ml-data'] },
];
const EXPECTED_EDGES = [
  'dev → ml-core',
  'dev → ml-data',
  'dev → ml-train',
  'ml-data → ml-core',
  'ml-train → ml-core',
  'ml-train → ml-data',
];
const EXPECTED_PROJECTS = ['dev', 'ml-core', 'ml-data', 'ml-train', 'prod', 'staging'];

/**
 * A git identity for the demo's commits, and no global or system git config (a user's hooks,
 * signing or default branch must not change the demo). File-URL remotes need no
 * `protocol.file.allow` here: the plugin passes it to the git commands that need it.
 */
const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Demo User',
  GIT_AUTHOR_EMAIL: 'demo@mlws.local',
  GIT_COMMITTER_NAME: 'Demo User',
  GIT_COMMITTER_EMAIL: 'demo@mlws.local',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_TERMINAL_PROMPT: '0',
};

interface Facts {
  workspace: string;
  plugin?: string;
  projects?: string[];
  edges?: string[];
  torch?: string;
  releases?: string[];
  stagingPin?: string;
  stagingVersion?: string;
  affected?: string[];
  affectedTasks?: string[];
  image?: string[];
  docker?: string;
}

function prepare(target: string): void {
  if (existsSync(target) && readdirSync(target).length > 0) {
    if (!existsSync(join(target, MARKER))) {
      throw new Error(
        `${target} is not empty and was not made by the demo (no ${MARKER} in it): give an empty or new directory`,
      );
    }
    rmSync(target, { recursive: true, force: true });
  }
  mkdirSync(target, { recursive: true });
  writeFileSync(join(target, MARKER), 'made by npm run demo (tools/demo): emptied when the demo runs here again\n');
}

async function main(): Promise<number> {
  const target = process.argv[2] ? resolve(process.argv[2]) : mkdtempSync(join(tmpdir(), 'mlws-demo-'));
  prepare(target);
  const ws = join(target, WORKSPACE);
  const remotes = join(target, 'git');
  const { NX_VERSION } = readVersions();
  const steps = new Steps();
  const facts: Facts = { workspace: ws };
  let registry: LocalRegistry | undefined;
  let index: TorchIndexServer | undefined;
  let api: GithubApiServer | undefined;
  let failure: Error | undefined;
  let env: Record<string, string | undefined> = {};
  const nx = (args: string[], extra: Record<string, string | undefined> = {}, echoPlugin = false) =>
    must('npx', ['nx', ...args], ws, { ...env, ...extra }, { echoPlugin });
  const gitIn = (cwd: string, args: string[]) => must('git', args, cwd, env);
  const quietGit = (cwd: string, args: string[]) => must('git', args, cwd, env, { quiet: true });
  const read = (rel: string) => readFileSync(join(ws, rel), 'utf8');

  try {
    // ---- the plugin and the stand-ins ----------------------------------------------------------
    const givenUrl = process.env['MLWS_DEMO_REGISTRY'];
    const givenNpmrc = process.env['MLWS_DEMO_NPMRC'];
    const given = givenUrl && givenNpmrc ? { url: givenUrl.replace(/\/$/, ''), npmrc: givenNpmrc } : undefined;
    const npm = await steps.step(
      given
        ? 'use the local npm registry given (MLWS_DEMO_REGISTRY), @mlws/nx published there'
        : 'build @mlws/nx, publish it to a local npm registry (verdaccio)',
      async () => {
        if (given) {
          // the e2e guard (e2e/nx-e2e/src/demo.spec.ts): its globalSetup built and published the plugin
          const { name, version } = JSON.parse(readFileSync(join(PLUGIN_DIST, 'package.json'), 'utf8')) as {
            name: string;
            version: string;
          };
          facts.plugin = `${name}@${version}`;
          return given;
        }
        await must('npx', ['nx', 'run', 'nx:build'], REPO_ROOT);
        registry = await startLocalRegistry();
        const published = await publishPlugin(registry.url, { npmrc: registry.npmrc });
        facts.plugin = `${published.name}@${published.version}`;
        return { url: registry.url, npmrc: registry.npmrc };
      },
      (r) => `${facts.plugin} at ${r.url}`,
    );

    const stand = await steps.step(
      'start the stand-ins: PyTorch index, GitHub releases API (loopback)',
      async () => {
        const indexDir = join(target, 'torch-index');
        mkdirSync(indexDir, { recursive: true });
        writeTorchIndex(indexDir);
        index = await startTorchIndex(indexDir);
        const repositories = Object.fromEntries(PACKAGES.map((p) => [`git/${p.name}`, join(remotes, `${p.name}.git`)]));
        api = await startGithubApi({ token: TOKEN, repositories });
        return { indexUrl: index.url, api };
      },
      (r) => `torch 2.5.1 +cpu/+cu124/+cu128 wheels at ${r.indexUrl}, GitHub API at ${r.api.url}`,
    );
    const { indexUrl, api: github } = stand;

    env = {
      ...npmEnv(npm.npmrc, npm.url),
      ...GIT_ENV,
      NX_DAEMON: 'false',
      NX_NO_CLOUD: 'true',
      NX_TUI: 'false',
      VIRTUAL_ENV: undefined,
      MLWS_TORCH_BACKEND: undefined,
      GH_TOKEN: undefined,
      GITHUB_TOKEN: TOKEN,
      GITHUB_API_URL: github.url,
    };

    // ---- a new repository with Nx and the plugin -----------------------------------------------
    await steps.step(
      `git init; npm install nx@${NX_VERSION} @mlws/nx (from the local registry)`,
      async () => {
        mkdirSync(ws, { recursive: true });
        await gitIn(ws, ['init', '--quiet', '--initial-branch=main']);
        writeFileSync(
          join(ws, 'package.json'),
          `${JSON.stringify({ name: WORKSPACE, version: '0.0.0', private: true }, null, 2)}\n`,
        );
        await must('npm', ['install', '--save-dev', '--save-exact', `nx@${NX_VERSION}`, '@mlws/nx'], ws, env);
        const installed = JSON.parse(read('node_modules/@mlws/nx/package.json')) as { version: string };
        check(
          `@mlws/nx@${installed.version}` === facts.plugin,
          `node_modules/@mlws/nx is the build just published (${facts.plugin})`,
          installed.version,
        );
      },
      () => `nx ${NX_VERSION}, ${facts.plugin}`,
    );

    await steps.step(
      'nx g @mlws/nx:init --torch-index-url=<index>; nx.json: defaultBackend cpu',
      async () => {
        await nx(['g', '@mlws/nx:init', `--torch-index-url=${indexUrl}`], {}, true);
        const scaffolded = [
          'nx.json',
          'pyproject.toml',
          '.python-version',
          'staging/pyproject.toml',
          'prod/pyproject.toml',
          'docker/Dockerfile-uv',
          '.dockerignore',
          '.gitignore',
        ];
        const missing = scaffolded.filter((f) => !existsSync(join(ws, f)));
        check(missing.length === 0, `init wrote ${scaffolded.join(', ')}`, `missing ${missing.join(', ')}`);
        const nxJson = JSON.parse(read('nx.json'));
        check(JSON.stringify(nxJson.plugins) === '["@mlws/nx"]', 'nx.json registers the plugin', nxJson.plugins);
        check(
          read('pyproject.toml').includes(`url = "${indexUrl}/cpu"`),
          'pyproject.toml routes torch of the cpu backend to the index stand-in',
        );
        check(/^node_modules\/$/m.test(read('.gitignore')), '.gitignore ignores node_modules/, .venv/, dist/');
        // what a user sets once: the backend of sync when neither --backend nor MLWS_TORCH_BACKEND is given
        nxJson.plugins = [{ plugin: '@mlws/nx', options: { defaultBackend: 'cpu' } }];
        writeFileSync(join(ws, 'nx.json'), `${JSON.stringify(nxJson, null, 2)}\n`);
        await gitIn(ws, ['add', '--all']);
        await gitIn(ws, ['commit', '--quiet', '-m', 'uv workspace with Nx and @mlws/nx']);
        return scaffolded;
      },
      (files) => `wrote ${files.join(', ')}; Python ${read('.python-version').trim()}`,
    );

    // ---- three packages, each in its own repository, attached as submodules ---------------------
    mkdirSync(remotes, { recursive: true });
    for (const p of PACKAGES) {
      const deps = p.deps.length ? ` --dependencies ${p.deps.join(',')}` : '';
      await steps.step(
        `nx g @mlws/nx:package ${p.name} --remote file://…/${p.name}.git${deps}`,
        async () => {
          const bare = join(remotes, `${p.name}.git`);
          await gitIn(target, ['init', '--bare', '--quiet', '--initial-branch=main', bare]);
          await nx(
            [
              'g',
              '@mlws/nx:package',
              p.name,
              `--remote=${fileUrl(bare)}`,
              ...(p.deps.length ? [`--dependencies=${p.deps.join(',')}`] : []),
            ],
            {},
            true,
          );
          const log = (await quietGit(bare, ['log', '--format=%s', 'main'])).stdout.trim();
          check(log === `Create ${p.name} 0.1.0.dev0`, `git/${p.name}.git has the first commit on main`, log);
          check(read('.gitmodules').includes(`[submodule "packages/${p.name}"]`), `.gitmodules has packages/${p.name}`);
          if (p.deps.length)
            check(
              p.deps.every((d) => read(`packages/${p.name}/pyproject.toml`).includes(`"${d}",`)),
              `packages/${p.name}/pyproject.toml depends on ${p.deps.join(', ')}`,
            );
          await gitIn(ws, ['add', '.gitmodules', `packages/${p.name}`, 'pyproject.toml', 'uv.lock']);
          await gitIn(ws, ['commit', '--quiet', '-m', `Add ${p.name}`]);
        },
        () =>
          `packages/${p.name}: own repo pushed to git/${p.name}.git, submodule${p.deps.length ? `, depends on ${p.deps.join(', ')}` : ''}`,
      );
    }

    await steps.step(
      'ml-train needs torch: edit, commit and push in its repo; move the pointer in the root',
      async () => {
        const file = join(ws, 'packages/ml-train/pyproject.toml');
        const text = readFileSync(file, 'utf8');
        const edited = text.replace('    "ml-data",\n]', '    "ml-data",\n    "torch>=2.5",\n]');
        check(edited !== text, 'packages/ml-train/pyproject.toml lists torch>=2.5', text);
        writeFileSync(file, edited);
        const pkg = join(ws, 'packages/ml-train');
        await gitIn(pkg, ['commit', '--quiet', '-m', 'Depend on torch', '--', 'pyproject.toml']);
        await gitIn(pkg, ['push', '--quiet']);
        await gitIn(ws, ['add', 'packages/ml-train']);
        await gitIn(ws, ['commit', '--quiet', '-m', 'ml-train: depend on torch']);
      },
      () => 'torch>=2.5 in [project].dependencies; the backend picks the wheel',
    );

    await steps.step('nx sync --check (root dependencies, .gitmodules and environments agree)', () =>
      nx(['sync', '--check']),
    );

    // ---- the graph ------------------------------------------------------------------------------
    await steps.step(
      'nx graph --file=dist/graph.json',
      async () => {
        await nx(['graph', '--file=dist/graph.json']);
        const g = JSON.parse(read('dist/graph.json')).graph as {
          nodes: Record<string, unknown>;
          dependencies: Record<string, Array<{ source: string; target: string }>>;
        };
        const projects = Object.keys(g.nodes).sort();
        const edges = Object.values(g.dependencies)
          .flat()
          .map((d) => `${d.source} → ${d.target}`)
          .sort();
        Object.assign(facts, { projects, edges });
        check(
          JSON.stringify(projects) === JSON.stringify(EXPECTED_PROJECTS),
          `projects: ${EXPECTED_PROJECTS.join(', ')}`,
          projects.join(', '),
        );
        check(
          JSON.stringify(edges) === JSON.stringify(EXPECTED_EDGES),
          `edges: ${EXPECTED_EDGES.join(', ')}`,
          edges.join(', '),
        );
        return { projects, edges };
      },
      (g) =>
        `${g.projects.length} projects, ${g.edges.length} edges: ${g.edges.filter((e) => e.startsWith('ml-')).join(', ')}, dev → each package`,
    );

    // ---- locks, the dev venv, builds --------------------------------------------------------------
    await steps.step(
      'nx run-many -t lock (uv lock of dev, staging, prod)',
      async () => {
        const tasks = tasksOf((await nx(['run-many', '-t', 'lock', '--output-style=static'])).stdout);
        check(tasks.length === 3 && tasks.every((t) => !t.cached), 'dev, staging and prod locked by uv', tasks);
        check(
          read('uv.lock').includes(`${indexUrl}/cpu/torch-2.5.1%2Bcpu`),
          'uv.lock takes torch 2.5.1+cpu from the index stand-in',
        );
        await gitIn(ws, ['add', 'uv.lock', 'staging/uv.lock', 'prod/uv.lock']);
        await gitIn(ws, ['commit', '--quiet', '-m', 'Lock dev, staging and prod']);
        return tasks;
      },
      (tasks) => `${tasks.map((t) => t.task).join(', ')} ran`,
    );
    // a lock is an input of its own target (uv keeps the pins of the lock it starts from): the run
    // after the one that wrote the locks starts from them and misses once, then the cache hits
    await steps.step(
      'nx run-many -t lock again, and once more',
      async () => {
        const lockFiles = ['uv.lock', 'staging/uv.lock', 'prod/uv.lock'];
        const written = lockFiles.map(read);
        const second = tasksOf((await nx(['run-many', '-t', 'lock', '--output-style=static'])).stdout);
        const changed = lockFiles.filter((f, i) => read(f) !== written[i]);
        check(
          second.length === 3 && changed.length === 0,
          'again: uv leaves the 3 locks as they are (the run starts from them)',
          { second, changed },
        );
        const third = tasksOf((await nx(['run-many', '-t', 'lock', '--output-style=static'])).stdout);
        check(
          third.length === 3 && third.every((t) => t.cached),
          'once more: the 3 locks come from the Nx cache',
          third,
        );
        return { second, third };
      },
      (r) =>
        `again: ${r.second.filter((t) => !t.cached).length} ran from the new locks, unchanged; once more: ${r.third.filter((t) => t.cached).length}/3 from the Nx cache`,
    );

    await steps.step(
      'nx run dev:sync --backend cpu; import torch and the packages from .venv',
      async () => {
        await nx(['run', 'dev:sync', '--backend', 'cpu'], {}, true);
        const r = await must(
          join(ws, '.venv/bin/python'),
          ['-c', 'import torch, ml_core, ml_data, ml_train; print(torch.__version__, ml_train.__version__)'],
          ws,
          env,
          { show: '.venv/bin/python' },
        );
        facts.torch = r.stdout.trim().split(' ')[0];
        check(
          facts.torch === '2.5.1+cpu',
          '.venv has torch 2.5.1+cpu and imports ml_core, ml_data, ml_train',
          facts.torch,
        );
        return r.stdout.trim();
      },
      (out) => `.venv: torch ${out.split(' ')[0]}, ml-core, ml-data, ml-train (editable) ${out.split(' ')[1]}`,
    );

    await steps.step(
      'nx run-many -t build (uv build per package)',
      async () => {
        const tasks = tasksOf((await nx(['run-many', '-t', 'build', '--output-style=static'])).stdout);
        check(tasks.length === 3 && tasks.every((t) => !t.cached), 'uv build ran for the 3 packages', tasks);
        for (const p of PACKAGES) {
          const wheels = readdirSync(join(ws, 'packages', p.name, 'dist')).filter((f) => f.endsWith('.whl'));
          check(wheels.length === 1, `a wheel in packages/${p.name}/dist`, wheels);
        }
        return tasks;
      },
      () => 'a wheel and an sdist in packages/*/dist',
    );
    await steps.step(
      'nx run-many -t build again',
      async () => {
        const tasks = tasksOf((await nx(['run-many', '-t', 'build', '--output-style=static'])).stdout);
        check(tasks.length === 3 && tasks.every((t) => t.cached), 'the 3 builds come from the Nx cache', tasks);
        return tasks;
      },
      (tasks) => `${tasks.filter((t) => t.cached).length}/${tasks.length} from the Nx cache`,
    );

    // ---- release, pin, affected, release again ----------------------------------------------------
    const coreBare = join(remotes, 'ml-core.git');
    const tagOnRemote = async (tag: string) => (await quietGit(coreBare, ['cat-file', '-t', tag])).stdout.trim();
    await steps.step(
      'nx run ml-core:release --bump dev (its first release)',
      async () => {
        const r = await nx(['run', 'ml-core:release', '--bump', 'dev'], {}, true);
        check(!`${r.stdout}${r.stderr}`.includes(TOKEN), 'the GitHub token is never printed');
        check((await tagOnRemote('v0.1.0.dev1')) === 'tag', 'git/ml-core.git has the annotated tag v0.1.0.dev1');
        facts.releases = releasesOf(github);
        check(
          facts.releases.join() === 'git/ml-core v0.1.0.dev1 (pre-release)',
          'the GitHub API stand-in got the pre-release v0.1.0.dev1',
          facts.releases,
        );
        check(
          stripAnsi(r.stdout).includes('staging does not pin ml-core'),
          'staging is left alone: it does not pin ml-core yet',
        );
      },
      () => 'tag v0.1.0.dev1 pushed, GitHub pre-release; staging does not pin ml-core yet',
    );

    await steps.step(
      'nx g @mlws/nx:pin ml-core --env staging --tag v0.1.0.dev1',
      async () => {
        await nx(['g', '@mlws/nx:pin', 'ml-core', '--env', 'staging', '--tag', 'v0.1.0.dev1'], {}, true);
        const pin = `ml-core = { git = "${fileUrl(coreBare)}", tag = "v0.1.0.dev1", subdirectory = "." }`;
        check(read('staging/pyproject.toml').includes(pin), 'staging/pyproject.toml pins ml-core to v0.1.0.dev1');
        await gitIn(ws, ['add', 'staging/pyproject.toml', 'staging/uv.lock']);
        await gitIn(ws, ['commit', '--quiet', '-m', 'staging: pin ml-core v0.1.0.dev1']);
      },
      () => 'tag checked on the remote, source + requirement written, staging relocked',
    );

    await steps.step(
      'edit a file in the ml-core submodule → nx show projects --affected; nx affected -t build test lint docker-build',
      async () => {
        appendFileSync(
          join(ws, 'packages/ml-core/src/ml_core/__init__.py'),
          '\n\ndef answer() -> int:\n    return 42\n',
        );
        const r = await nx(['show', 'projects', '--affected']);
        const affected = r.stdout.trim().split('\n').sort();
        facts.affected = affected;
        check(
          ['dev', 'ml-core', 'ml-data', 'ml-train'].every((p) => affected.includes(p)),
          'ml-core, its dependents ml-data and ml-train, and dev are affected',
          affected,
        );
        check(!affected.includes('prod'), 'prod is not (it does not pin ml-core)', affected);
        // Nx 24 selects affected *tasks* by their inputs: the submodule path git reports must reach them
        const targets = ['build', 'test', 'lint', 'docker-build'];
        await nx(['affected', '-t', ...targets, '--graph=dist/affected-tasks.json']);
        const graph = JSON.parse(read('dist/affected-tasks.json')) as {
          tasks: { tasks: Record<string, { target: { project: string; target: string } }> };
        };
        const tasks = Object.values(graph.tasks.tasks)
          .filter((t) => targets.includes(t.target.target))
          .map((t) => `${t.target.project}:${t.target.target}`)
          .sort();
        facts.affectedTasks = tasks;
        const want = [
          'ml-core:build',
          'ml-core:test',
          'ml-core:lint',
          'ml-data:test',
          'ml-train:test',
          'dev:docker-build',
        ];
        check(
          want.every((t) => tasks.includes(t)),
          "tasks: ml-core build/test/lint, the dependents' tests, the dev image",
          tasks,
        );
        check(!tasks.some((t) => /^(staging|prod):/.test(t)), 'no staging or prod task (they pin by tag)', tasks);
        return { affected, tasks };
      },
      ({ affected, tasks }) =>
        `affected: ${affected.join(', ')} (staging through its pin); ${tasks.length} tasks, none of staging/prod`,
    );

    await steps.step('commit and push the edit in ml-core; commit the new pointer in the root', async () => {
      const pkg = join(ws, 'packages/ml-core');
      await gitIn(pkg, ['commit', '--quiet', '-m', 'Add answer()', '--', 'src/ml_core/__init__.py']);
      await gitIn(pkg, ['push', '--quiet']);
      await gitIn(ws, ['add', 'packages/ml-core']);
      await gitIn(ws, ['commit', '--quiet', '-m', 'ml-core: answer()']);
    });

    await steps.step(
      'nx run ml-core:release --bump dev (moves the staging pin)',
      async () => {
        const r = await nx(['run', 'ml-core:release', '--bump', 'dev'], {}, true);
        check(!`${r.stdout}${r.stderr}`.includes(TOKEN), 'the GitHub token is never printed');
        check((await tagOnRemote('v0.1.0.dev2')) === 'tag', 'git/ml-core.git has the annotated tag v0.1.0.dev2');
        facts.releases = releasesOf(github);
        check(
          facts.releases.length === 2 && facts.releases[1] === 'git/ml-core v0.1.0.dev2 (pre-release)',
          'the GitHub API stand-in got the pre-release v0.1.0.dev2',
          facts.releases,
        );
        facts.stagingPin = /^ml-core = \{[^}]*tag = "([^"]+)"/m.exec(read('staging/pyproject.toml'))?.[1];
        check(
          facts.stagingPin === 'v0.1.0.dev2',
          'staging/pyproject.toml pins ml-core to v0.1.0.dev2',
          facts.stagingPin,
        );
        check(read('staging/uv.lock').includes('tag=v0.1.0.dev2#'), 'staging/uv.lock is locked at v0.1.0.dev2');
        const subject = (await quietGit(ws, ['log', '-1', '--format=%s'])).stdout.trim();
        const status = (await quietGit(ws, ['status', '--porcelain'])).stdout.trim();
        check(
          subject === 'Release ml-core 0.1.0.dev2: pin staging to v0.1.0.dev2' && status === '',
          'one root commit "Release ml-core 0.1.0.dev2: pin staging to v0.1.0.dev2", nothing else changed',
          { subject, status },
        );
      },
      () => 'tag v0.1.0.dev2, GitHub pre-release, staging pin v0.1.0.dev1 → v0.1.0.dev2, one root commit',
    );

    await steps.step(
      'nx run ml-core:sync:staging (the staging venv; backend from nx.json)',
      async () => {
        await nx(['run', 'ml-core:sync:staging'], {}, true);
        const code = "import importlib.metadata as m, torch, ml_core; print(m.version('ml-core'), torch.__version__)";
        const r = await must(join(ws, 'staging/.venv/bin/python'), ['-c', code], ws, env, {
          show: 'staging/.venv/bin/python',
        });
        const [version, torch] = r.stdout.trim().split(' ');
        facts.stagingVersion = version;
        check(
          version === '0.1.0.dev2' && torch === '2.5.1+cpu',
          'staging/.venv has ml-core 0.1.0.dev2 (from its tag) and torch 2.5.1+cpu',
          r.stdout.trim(),
        );
      },
      () => `staging/.venv: ml-core ${facts.stagingVersion} from git/ml-core.git, torch 2.5.1+cpu`,
    );

    await steps.step(
      'nx run-many -t test (pytest per package, after the releases)',
      async () => {
        const tasks = tasksOf((await nx(['run-many', '-t', 'test', '--output-style=static'])).stdout);
        const tested = tasks
          .filter((t) => t.task.endsWith(':test'))
          .map((t) => t.task.replace(/:test$/, ''))
          .sort();
        check(
          tested.join() === 'ml-core,ml-data,ml-train',
          'the scaffolded tests of ml-core, ml-data, ml-train pass (ml-core at 0.1.0.dev2)',
          tasks,
        );
        // the tests ran in the dev environment with its backend (defaultBackend cpu): torch is still +cpu
        const torch = (
          await must(join(ws, '.venv/bin/python'), ['-c', 'import torch; print(torch.__version__)'], ws, env, {
            show: '.venv/bin/python',
          })
        ).stdout.trim();
        check(
          torch === '2.5.1+cpu',
          '.venv still has torch 2.5.1+cpu after the tests (the backend, not torch from PyPI)',
          torch,
        );
        return tasks;
      },
      (tasks) => `${tasks.map((t) => t.task).join(', ')}: passed`,
    );

    // ---- the dev image, where a Docker engine runs --------------------------------------------------
    const docker = await run('bash', [join(REPO_ROOT, 'tools/setup/ensure-docker.sh')], {
      cwd: REPO_ROOT,
      timeoutMs: 5 * 60 * 1000,
    });
    if (docker.code === 0) {
      const client = docker.stdout.trim();
      await steps.step(
        'nx run dev:docker-build:cpu (the dev image; base images built locally)',
        async () => {
          const base = await must(
            'bash',
            [join(REPO_ROOT, 'tools/fixtures/docker-base/build.sh'), client, process.env.UV ?? 'uv'],
            REPO_ROOT,
          );
          const buildArgs = Object.fromEntries(
            base.stdout
              .trim()
              .split(/\s+/)
              .map((kv) => kv.split('=')),
          );
          // what a user behind a registry mirror sets once: base images (and host network for the index on loopback)
          const nxJson = JSON.parse(read('nx.json'));
          nxJson.targetDefaults = {
            ...(nxJson.targetDefaults ?? {}),
            'docker-build': { options: { network: 'host', buildArgs } },
          };
          writeFileSync(join(ws, 'nx.json'), `${JSON.stringify(nxJson, null, 2)}\n`);
          await nx(['run', 'dev:docker-build:cpu'], { DOCKER: client });
          const record = JSON.parse(read('dist/docker/dev.json')) as { tags: string[] };
          facts.image = record.tags;
          check(
            record.tags.includes(`${WORKSPACE}:dev-cpu`),
            `dist/docker/dev.json records the image ${WORKSPACE}:dev-cpu`,
            record.tags,
          );
          const r = await must(
            client,
            [
              'run',
              '--rm',
              `${WORKSPACE}:dev-cpu`,
              'python',
              '-c',
              'import torch, ml_core; print(torch.__version__, ml_core.answer())',
            ],
            ws,
            env,
            { show: 'docker' },
          );
          check(
            r.stdout.trim() === '2.5.1+cpu 42',
            'the image runs torch 2.5.1+cpu and the edited ml-core',
            r.stdout.trim(),
          );
          return record.tags;
        },
        (tags) => `${tags.join(', ')}; docker run: torch 2.5.1+cpu, ml_core.answer() = 42`,
      );
    } else {
      facts.docker = `no Docker engine: ${docker.stderr.trim().split('\n').pop()}`;
      process.stdout.write(`\n(${facts.docker}; the image step is left out)\n`);
    }
  } catch (e) {
    failure = e as Error;
  } finally {
    await index?.stop();
    await api?.stop();
    await registry?.stop();
  }

  const warnings = failure ? [] : await pluginWarnings(ws, env);
  writeFileSync(
    join(target, 'demo-report.json'),
    `${JSON.stringify({ ok: !failure, steps: steps.records, facts }, null, 2)}\n`,
  );
  const image = facts.image ? `${facts.image.join(', ')} (record: dist/docker/dev.json)` : facts.docker;
  const where: Record<string, string> = failure
    ? { target: target, facts: join(target, 'demo-report.json') }
    : {
        workspace: `${ws}   (cd there: npx nx graph, npx nx show projects, git log)`,
        remotes: `${remotes}/{${PACKAGES.map((p) => p.name).join(',')}}.git   (git -C ${remotes}/ml-core.git tag -n)`,
        graph: 'dist/graph.json',
        locks: 'uv.lock, staging/uv.lock, prod/uv.lock',
        venvs: '.venv (dev, cpu), staging/.venv',
        wheels: 'packages/*/dist',
        release: 'dist/release/ml-core (notes.md, changes.diff, prompt.md), staging/pyproject.toml',
        'GitHub releases': (facts.releases ?? []).join(', '),
        ...(image ? { image } : {}),
        facts: join(target, 'demo-report.json'),
        ...(warnings.length ? { warnings: warnings.join(' | ') } : {}),
      };
  process.stdout.write(steps.report(where));
  if (failure) {
    process.stderr.write(`\ndemo failed: ${failure.message}\n`);
    return 1;
  }
  return 0;
}

function releasesOf(api: GithubApiServer): string[] {
  return Object.entries(api.releases).flatMap(([repo, list]) =>
    list.map((r) => `${repo} ${r.tag_name}${r.prerelease ? ' (pre-release)' : ''}`),
  );
}

/** The plugin's warnings about the workspace (`@mlws/nx: …` lines of `nx show projects`). */
async function pluginWarnings(ws: string, env: Record<string, string | undefined>): Promise<string[]> {
  if (!existsSync(join(ws, 'node_modules'))) return [];
  const r = await run('npx', ['nx', 'show', 'projects'], { cwd: ws, env });
  return pluginLines(`${r.stdout}\n${r.stderr}`);
}

main().then(
  (code) => process.exit(code),
  (e: Error) => {
    process.stderr.write(`\ndemo failed: ${e.message}\n`);
    process.exit(1);
  },
);
