import type { ExecutorContext } from '@nx/devkit';
import type { FakeWorld } from '../../../release/__testing__/fake-release-deps';
import releaseExecutor, { ReleaseExecutorOptions } from '../executor';

/** The workspace of the release executor's specs: a package in a submodule, staging and prod pinning it. */
export const PKG = `[project]
name = "bench-utils"
version = "0.1.3.dev0"
description = "Benchmark helpers"
requires-python = ">=3.10"
dependencies = []

[build-system]
requires = ["hatchling"]
build-backend = "hatchling.build"
`;

export const env = (name: string, tag: string) => `# ${name}: pinned
[project]
name = "ml-playground-${name}"
version = "0.1.0"
dependencies = [
    "bench-utils",
    "model-interface",
]

[tool.uv.sources]
bench-utils     = { git = "https://github.com/mlws/bench-utils",     tag = "${tag}", subdirectory = "." }
model-interface = { git = "https://github.com/mlws/model-interface", tag = "v0.1.2",      subdirectory = "." }
`;

export const FILES = {
  '.gitmodules':
    '[submodule "packages/bench-utils"]\n\tpath = packages/bench-utils\n\turl = https://github.com/mlws/bench-utils.git\n',
  'packages/bench-utils/pyproject.toml': PKG,
  'staging/pyproject.toml': env('staging', 'v0.1.3.dev0'),
  'prod/pyproject.toml': env('prod', '0.1.2'),
};

export function context(w: FakeWorld, pluginOptions: Record<string, unknown> = { tagPrefix: 'v' }): ExecutorContext {
  return {
    root: w.root,
    cwd: w.root,
    isVerbose: false,
    projectName: 'bench-utils',
    targetName: 'release',
    projectsConfigurations: { version: 2, projects: { 'bench-utils': { root: w.pkgRoot } } },
    nxJsonConfiguration: { plugins: [{ plugin: '@mlws/nx', options: pluginOptions }] },
    projectGraph: { nodes: {}, dependencies: {} },
  } as unknown as ExecutorContext;
}

export const run = (w: FakeWorld, options: ReleaseExecutorOptions) => releaseExecutor(options, context(w), w.deps);
const WRITES = ['commit', 'tag --annotate', 'push', 'add', 'update-index'];
export const writingCalls = (w: FakeWorld) =>
  w.gitCalls.filter((c) => WRITES.some((x) => c.args.join(' ').startsWith(x)));
export const show = (w: FakeWorld) =>
  w.gitCalls
    .filter((c) => WRITES.some((x) => c.args.join(' ').startsWith(x)))
    .map((c) => `${c.repo}: git ${c.args.join(' ')}`);
