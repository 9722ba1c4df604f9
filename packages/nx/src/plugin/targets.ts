import type { TargetConfiguration } from '@nx/devkit';
import { toolStateExclusions } from '../model/tool-state';
import type { EnvironmentNode, PackageNode, WorkspaceModel } from '../model/workspace';
import { junitReportPath } from '../model/junit-path';
import { releaseTarget } from './release-target';
import type { NormalizedOptions } from '../model/options';

const PLUGIN = '@mlws/nx';
/** The uv version is part of every uv task's hash (a new uv may lock or build differently). */
const UV_VERSION_INPUT = { runtime: '"${UV:-uv}" --version 2>/dev/null || echo uv-missing' };
const TECH = ['python', 'uv'];

type Targets = Record<string, TargetConfiguration>;

/** Named input of every package project: its sources, without build output and tool state. */
export const PYTHON_SOURCES = 'python-sources';

/** Python's and the tools' own state is not source: a pytest run must not change the next hash. */
export const PYTHON_SOURCES_INPUT = ['{projectRoot}/**/*', ...toolStateExclusions('{projectRoot}')];

/** Targets of an environment project: lock, lock-check, sync. */
export function environmentTargets(env: EnvironmentNode, model: WorkspaceModel, o: NormalizedOptions): Targets {
  const t: Targets = {};
  const names = o.targetNames;
  const base = envOptions(env.name, env.root, o);
  const lockFile = env.root === '.' ? '{workspaceRoot}/uv.lock' : `{workspaceRoot}/${env.root}/uv.lock`;
  // the lock itself is an input of `lock`: uv keeps the pins of the lock it finds, so the same
  // pyprojects with another committed lock (after `uv lock --upgrade-package torch`) must not hit
  // a result made from the old one and write it back over the new
  const lockInputs = [
    ...environmentPyprojectInputs(env, model),
    ...pythonPinInputs(env.root),
    lockFile,
    UV_VERSION_INPUT,
  ];
  const uvProject = env.root === '.' ? '' : ` --project ${env.root}`;
  if (names.lock) {
    t[names.lock] = {
      executor: `${PLUGIN}:lock`,
      options: base,
      cache: true,
      inputs: lockInputs,
      outputs: [lockFile],
      metadata: {
        description: `uv lock${uvProject}: resolve the ${env.name} environment into ${lockFile.replace('{workspaceRoot}/', '')}`,
        technologies: TECH,
        help: { command: 'uv lock --help', example: { options: { args: ['--upgrade-package', 'torch'] } } },
      },
    };
  }
  if (names.lockCheck) {
    t[names.lockCheck] = {
      executor: `${PLUGIN}:lock`,
      options: { ...base, check: true },
      cache: true,
      inputs: lockInputs,
      metadata: {
        description: `uv lock${uvProject} --locked: fail when the ${env.name} lock is not current with its pyproject`,
        technologies: TECH,
      },
    };
  }
  if (names.sync) {
    t[names.sync] = {
      executor: `${PLUGIN}:sync`,
      options: base,
      // `nx run-many -t sync -c staging` readies staging from every project it touches (once)
      configurations: Object.fromEntries(
        model.environments.map((e) => [e.name, { environment: e.name, environmentRoot: e.root }]),
      ),
      cache: false,
      parallelism: false,
      // not cached, but `nx affected -t sync` selects it by these: what the environment is made from
      inputs: lockInputs,
      metadata: {
        description: `uv sync${uvProject}${env.root === '.' ? ' --all-packages' : ' --locked'} --extra <backend>: ready the ${env.name} virtualenv`,
        technologies: TECH,
        help: { command: 'uv sync --help', example: { options: { backend: 'cu124' } } },
      },
    };
  }
  return t;
}

/** Targets of a package project: sync (one configuration per environment), build, test, release (submodules), lint. */
export function packageTargets(pkg: PackageNode, model: WorkspaceModel, o: NormalizedOptions): Targets {
  const t: Targets = {};
  const names = o.targetNames;
  const distribution = pkg.pyproject.name ?? pkg.name;
  const member = pkg.origin === 'member';
  const sources = [PYTHON_SOURCES];

  if (names.sync && member) {
    const configurations: Record<string, Record<string, unknown>> = {};
    for (const env of model.environments)
      configurations[env.name] = { environment: env.name, environmentRoot: env.root };
    t[names.sync] = {
      executor: `${PLUGIN}:sync`,
      options: { ...envOptions(devEnvironmentName(model, o), '.', o), package: pkg.name },
      configurations,
      cache: false,
      parallelism: false,
      // for `nx affected -t sync`: the package's requirements and the dev workspace it is installed into
      inputs: [
        '{projectRoot}/pyproject.toml',
        '{workspaceRoot}/pyproject.toml',
        '{workspaceRoot}/uv.lock',
        '{workspaceRoot}/.python-version',
      ],
      metadata: {
        description: `Ready an environment for ${distribution}: ${[
          'sync:dev (editable workspace)',
          ...model.environments.filter((e) => e.root !== '.').map((e) => `sync:${e.name} (pinned tag)`),
        ].join(', ')}`,
        technologies: TECH,
      },
    };
  }
  if (names.build) {
    t[names.build] = {
      executor: `${PLUGIN}:build`,
      options: { package: distribution, ...(member ? {} : { source: pkg.root }) },
      cache: true,
      inputs: [...sources, UV_VERSION_INPUT],
      outputs: ['{projectRoot}/dist'],
      metadata: {
        description: `uv build ${member ? `--package ${distribution}` : pkg.root}: wheel and sdist into dist/`,
        technologies: TECH,
      },
    };
  }
  if (names.test && member) {
    t[names.test] = {
      executor: `${PLUGIN}:test`,
      options: { package: distribution, junitPath: junitReportPath(pkg.root), ...devBackendOptions(model, o) },
      cache: true,
      inputs: testInputs(names.lock),
      // tests run against the dev lock: run them after it is written, and hash them after it too
      ...devLockDependency(names.lock, model, o),
      outputs: [`{workspaceRoot}/${junitReportPath('{projectRoot}')}`],
      metadata: {
        description: `pytest for ${distribution} in the dev environment with the chosen backend (JUnit report in ${junitReportPath(pkg.root)})`,
        technologies: TECH,
      },
    };
  }
  if (names.release) {
    const release = releaseTarget(pkg, model, o);
    if (release) t[names.release] = release;
  }
  if (names.lint && member) {
    t[names.lint] = {
      executor: `${PLUGIN}:lint`,
      options: { package: distribution, ...devBackendOptions(model, o) },
      cache: true,
      // ruff's version comes from the dev lock, like pytest's: the same rule as test
      inputs: [
        ...testInputs(names.lock),
        '{workspaceRoot}/ruff.toml',
        '{workspaceRoot}/.ruff.toml',
        '{workspaceRoot}/pyproject.toml',
      ],
      ...devLockDependency(names.lock, model, o),
      metadata: { description: `ruff check for ${distribution} in the dev environment`, technologies: TECH },
    };
  }
  return t;
}

/**
 * Inputs of `test` (and `lint`, whose ruff also comes from the dev lock). The tests run against the dev lock, the output of `dev:lock`, which `test`
 * depends on. Nx hashes every task before any runs, from the file map taken when the command
 * started, unless an input reads a dependency's outputs. A plain `{workspaceRoot}/uv.lock` input
 * therefore keys the test on the lock as it was *before* `dev:lock` wrote it: missing in a fresh
 * clone, present where `uv sync` ran, stale after a pyproject edit. The same commit then hashes
 * differently on two machines (a remote-cache miss), and a run against a new lock can hit a
 * result of the old one. `dependentTasksOutputFiles` makes Nx hash the test after `dev:lock` ran
 * (or was restored from the cache), from the lock it left on disk, and only from that: the lock
 * the machine had before is not the one the tests run against. Without a lock target (disabled
 * in the options) the file is the input.
 */
export function testInputs(lockTarget: string | false | undefined): NonNullable<TargetConfiguration['inputs']> {
  return [
    PYTHON_SOURCES,
    `^${PYTHON_SOURCES}`,
    lockTarget ? { dependentTasksOutputFiles: DEV_LOCK_OUTPUT } : '{workspaceRoot}/uv.lock',
    // the backend chosen for the run (--backend is a task argument, which Nx hashes itself)
    { env: 'MLWS_TORCH_BACKEND' },
    UV_VERSION_INPUT,
  ];
}

/** `dependsOn` the dev environment's lock target (none when the lock target is disabled). */
function devLockDependency(
  lockTarget: string | false | undefined,
  model: WorkspaceModel,
  o: NormalizedOptions,
): Pick<TargetConfiguration, 'dependsOn'> {
  if (!lockTarget) return {};
  return { dependsOn: [{ projects: [devEnvironmentName(model, o)], target: lockTarget }] };
}

/** The dev lock as a path relative to the workspace root (how Nx matches dependency outputs). */
const DEV_LOCK_OUTPUT = 'uv.lock';

/** test and lint run in the dev environment: its name and the backend options. */
function devBackendOptions(model: WorkspaceModel, o: NormalizedOptions): Record<string, unknown> {
  return {
    environment: devEnvironmentName(model, o),
    backends: o.backends,
    ...(o.defaultBackend ? { defaultBackend: o.defaultBackend } : {}),
  };
}

/** The name of the environment at the workspace root (dev). */
function devEnvironmentName(model: WorkspaceModel, o: NormalizedOptions): string {
  return model.environments.find((e) => e.root === '.')?.name ?? o.devEnvironment;
}

function envOptions(name: string, root: string, o: NormalizedOptions): Record<string, unknown> {
  return {
    environment: name,
    environmentRoot: root,
    backends: o.backends,
    ...(o.defaultBackend ? { defaultBackend: o.defaultBackend } : {}),
  };
}

/** The pyprojects a lock depends on: its own; for dev also every member's and local path source's. */
function environmentPyprojectInputs(env: EnvironmentNode, model: WorkspaceModel): string[] {
  const own = `{workspaceRoot}/${env.pyproject.file}`;
  if (env.root !== '.') return [own];
  const globs = (model.root?.workspace?.members ?? []).map(
    (g) => `{workspaceRoot}/${g.replace(/^\.\/|\/+$/g, '')}/pyproject.toml`,
  );
  const paths = model.packages.filter((p) => p.origin === 'path').map((p) => `{workspaceRoot}/${p.pyproject.file}`);
  return [own, ...globs, ...paths];
}

function pythonPinInputs(root: string): string[] {
  return root === '.'
    ? ['{workspaceRoot}/.python-version']
    : ['{workspaceRoot}/.python-version', `{workspaceRoot}/${root}/.python-version`];
}
