// Pure generation of the project-graph benchmark workspaces.
//
// One uv workspace of N hatchling packages (pkg-0001 .. pkg-NNNN), each depending on up to
// `depsPerPackage` packages of lower index (so the graph is acyclic), written in three variants:
//
//   mlws  - (a) pyproject-only; nx.json { plugins: ["@mlws/nx"] }; projects and edges inferred.
//   floor - (b) the same projects and edges as static project.json files, no plugin (the Nx floor).
//   nxlv  - (c) @nxlv/python: one project.json per package (its uv-project generator's targets),
//               its plugin in nx.json for dependency detection (reads pyproject.toml + uv.lock).
//   noop  - (b+) reference: (b) plus a local plugin whose createNodes (on **/pyproject.toml) and
//               createDependencies return nothing — what merely having one plugin costs in Nx
//               (a plugin worker process, the glob, the IPC), i.e. the floor for any plugin.
//   static - (b*) reference: (b) whose project.json files also hold the very targets (a) infers
//               (copied from (a)'s graph by run.mjs, `addStaticTargets`): what Nx costs for the
//               same projects, edges and targets with no inference at all.
//
// The Python files are byte-identical in all three variants. Nothing here spawns a process or
// touches the network: a uv.lock is rendered from the plan (`renderUvLock`) in the format uv
// writes for a workspace of static-metadata members (run.mjs can replace it with a real `uv lock`).
//
// Usage as a module:
//   import { planWorkspace, writeWorkspace } from './generate.mjs';
//   const plan = planWorkspace(200);
//   writeWorkspace('/tmp/ws', 'mlws', plan);
// Usage as a script:
//   node tools/bench/graph/generate.mjs <outDir> <variant> <size>

import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const VARIANTS = ['mlws', 'floor', 'noop', 'static', 'nxlv'];

export const VARIANT_LABELS = {
  mlws: '(a) @mlws/nx',
  floor: '(b) Nx floor (project.json)',
  nxlv: '(c) @nxlv/python',
  noop: '(b+) floor + no-op plugin',
  static: "(b*) floor + (a)'s targets, static",
};

/** The root pyproject's distribution name. */
export const ROOT_NAME = 'bench-workspace';
/** The Nx project of the root pyproject: @mlws/nx names the dev-environment project `dev` by default. */
export const ROOT_PROJECT = 'dev';

/** Deterministic PRNG (mulberry32) so every run benchmarks the same graph. */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pkgName(i, width) {
  return `pkg-${String(i).padStart(width, '0')}`;
}

/**
 * The graph: package i (1-based) depends on min(i-1, depsPerPackage) distinct packages of lower
 * index, chosen by a seeded PRNG. Edge count = sum(min(i-1, d)) = d*N - d*(d+1)/2 for N > d.
 *
 * `rootProject`: the root pyproject (the dev workspace) is also a project (`dev`, as @mlws/nx names
 * its dev environment) that depends on every package (it lists them all in [project].dependencies with workspace sources). Set it to false
 * to benchmark package projects only.
 */
export function planWorkspace(size, { depsPerPackage = 5, seed = 42, rootProject = true } = {}) {
  const width = Math.max(4, String(size).length);
  const rand = mulberry32(seed + size);
  const packages = [];
  for (let i = 1; i <= size; i++) {
    const name = pkgName(i, width);
    const lower = i - 1;
    const want = Math.min(lower, depsPerPackage);
    const chosen = new Set();
    while (chosen.size < want) chosen.add(1 + Math.floor(rand() * lower));
    const deps = [...chosen].sort((x, y) => x - y).map((j) => pkgName(j, width));
    packages.push({
      name,
      dir: `packages/${name}`,
      module: name.replace(/-/g, '_'),
      deps,
    });
  }
  const edges = [];
  for (const p of packages) for (const d of p.deps) edges.push([p.name, d]);
  if (rootProject) for (const p of packages) edges.push([ROOT_PROJECT, p.name]);
  return {
    size,
    depsPerPackage,
    seed,
    rootProject,
    packages,
    edges,
    projectCount: size + (rootProject ? 1 : 0),
  };
}

const tomlList = (items, indent = '  ') =>
  items.length === 0 ? '[]' : `[\n${items.map((s) => `${indent}"${s}",`).join('\n')}\n]`;

export function renderRootPyproject(plan) {
  const names = plan.packages.map((p) => p.name);
  return [
    '[project]',
    `name = "${ROOT_NAME}"`,
    'version = "0.1.0"',
    'requires-python = ">=3.10"',
    `dependencies = ${tomlList(names)}`,
    '',
    '[tool.uv.workspace]',
    'members = ["packages/*"]',
    '',
    '[tool.uv.sources]',
    ...names.map((n) => `${n} = { workspace = true }`),
    '',
  ].join('\n');
}

export function renderPackagePyproject(pkg) {
  return [
    '[project]',
    `name = "${pkg.name}"`,
    'version = "0.1.0"',
    `description = "Benchmark package ${pkg.name}"`,
    'requires-python = ">=3.10"',
    `dependencies = ${tomlList(pkg.deps)}`,
    '',
    '[build-system]',
    'requires = ["hatchling"]',
    'build-backend = "hatchling.build"',
    '',
    '[tool.hatch.build.targets.wheel]',
    `packages = ["src/${pkg.module}"]`,
    '',
    ...(pkg.deps.length ? ['[tool.uv.sources]', ...pkg.deps.map((d) => `${d} = { workspace = true }`), ''] : []),
  ].join('\n');
}

export function renderInit(pkg) {
  return [
    `"""${pkg.name}: benchmark package."""`,
    ...pkg.deps.map((d) => `import ${d.replace(/-/g, '_')}  # noqa: F401`),
    '',
    `NAME = "${pkg.name}"`,
    '',
  ].join('\n');
}

/**
 * A uv.lock as uv 0.13 writes it for this workspace (no external packages, static metadata).
 * uv sorts packages by name; members are `editable`, the root is `virtual` (no build-system).
 */
export function renderUvLock(plan) {
  const out = ['version = 1', 'revision = 5', 'requires-python = ">=3.10"', '', '[manifest]'];
  const memberNames = [ROOT_NAME, ...plan.packages.map((p) => p.name)].sort();
  out.push(`members = ${tomlList(memberNames, '    ')}`, '');
  const byName = new Map(plan.packages.map((p) => [p.name, p]));
  const entries = [
    { name: ROOT_NAME, source: '{ virtual = "." }', deps: plan.packages.map((p) => p.name) },
    ...plan.packages.map((p) => ({ name: p.name, source: `{ editable = "${p.dir}" }`, deps: p.deps })),
  ].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    out.push('[[package]]', `name = "${e.name}"`, 'version = "0.1.0"', `source = ${e.source}`);
    if (e.deps.length) {
      out.push('dependencies = [', ...e.deps.map((d) => `    { name = "${d}" },`), ']', '', '[package.metadata]');
      const req = e.deps.map((d) => `{ name = "${d}", editable = "${byName.get(d).dir}" }`);
      if (req.length === 1) out.push(`requires-dist = [${req[0]}]`);
      else out.push('requires-dist = [', ...req.map((r) => `    ${r},`), ']');
    }
    out.push('');
  }
  return out.join('\n');
}

function floorProjectJson(name, root, deps) {
  return {
    name,
    $schema: `${root === '.' ? '' : '../../'}node_modules/nx/schemas/project-schema.json`,
    root,
    implicitDependencies: deps,
  };
}

/** Targets as `nx g @nxlv/python:uv-project --srcDir` (23.1.1) writes them. */
function nxlvProjectJson(pkg) {
  return {
    name: pkg.name,
    $schema: '../../node_modules/nx/schemas/project-schema.json',
    projectType: 'library',
    sourceRoot: `${pkg.dir}/src/${pkg.module}`,
    targets: {
      lock: { executor: '@nxlv/python:lock', options: { update: false } },
      sync: { executor: '@nxlv/python:sync', options: {} },
      add: { executor: '@nxlv/python:add', options: {} },
      update: { executor: '@nxlv/python:update', options: {} },
      remove: { executor: '@nxlv/python:remove', options: {} },
      build: {
        executor: '@nxlv/python:build',
        outputs: ['{projectRoot}/dist'],
        options: {
          outputPath: '{projectRoot}/dist',
          publish: false,
          lockedVersions: true,
          bundleLocalDependencies: true,
        },
        cache: true,
      },
      lint: { executor: '@nxlv/python:ruff-check', outputs: [], options: { lintFilePatterns: [] }, cache: true },
      format: { executor: '@nxlv/python:ruff-format', outputs: [], options: { filePatterns: [] }, cache: true },
      test: {
        executor: '@nxlv/python:run-commands',
        outputs: ['{workspaceRoot}/reports/{projectRoot}/unittests', '{workspaceRoot}/coverage/{projectRoot}'],
        options: { command: 'uv run pytest tests/', cwd: '{projectRoot}' },
        cache: true,
      },
      install: { executor: '@nxlv/python:install', options: { silent: false, args: '', verbose: false, debug: false } },
    },
    tags: [],
    release: { version: { versionActions: '@nxlv/python/release/version-actions' } },
  };
}

function nxlvRootProjectJson() {
  return {
    name: ROOT_PROJECT,
    $schema: 'node_modules/nx/schemas/project-schema.json',
    root: '.',
    targets: {
      lock: { executor: '@nxlv/python:lock', options: { update: false } },
      sync: { executor: '@nxlv/python:sync', options: {} },
    },
  };
}

export function nxJsonFor(variant) {
  switch (variant) {
    case 'mlws':
      return { plugins: ['@mlws/nx'] };
    case 'floor':
    case 'static':
      return {};
    case 'noop':
      return { plugins: [NOOP_PLUGIN_NAME] };
    case 'nxlv':
      // README: { "plugin": "@nxlv/python" }; uv is detected from the root uv.lock (workspace mode).
      return { plugins: [{ plugin: '@nxlv/python' }] };
    default:
      throw new Error(`unknown variant ${variant}`);
  }
}

/** The (b+) plugin, installed as an npm package like the others (a local .js plugin would make
 * Nx register a TypeScript transpiler, which is not what a published plugin costs). */
export const NOOP_PLUGIN_NAME = 'bench-noop-plugin';
export const NOOP_PLUGIN = `// Benchmark reference plugin: matches what @mlws/nx matches and infers nothing.
exports.name = '${NOOP_PLUGIN_NAME}';
exports.createNodes = ['**/pyproject.toml', async (files) => files.map((f) => [f, {}])];
exports.createDependencies = async () => [];
`;

const json = (o) => JSON.stringify(o, null, 2) + '\n';

/**
 * Writes the Python workspace + the variant's Nx files into `dir` (packages/ is replaced).
 * Does not write package.json or node_modules: the runner owns those.
 */
export function writeWorkspace(dir, variant, plan, { uvLock } = {}) {
  if (!VARIANTS.includes(variant)) throw new Error(`unknown variant ${variant}`);
  mkdirSync(dir, { recursive: true });
  rmSync(join(dir, 'packages'), { recursive: true, force: true });
  writeFileSync(join(dir, 'pyproject.toml'), renderRootPyproject(plan));
  writeFileSync(join(dir, 'uv.lock'), uvLock ?? renderUvLock(plan));
  writeFileSync(join(dir, '.python-version'), '3.12\n');
  writeFileSync(join(dir, '.gitignore'), 'node_modules\n.nx\n.venv\ngraph.json\n__pycache__\n');
  writeFileSync(join(dir, 'nx.json'), json(nxJsonFor(variant)));
  rmSync(join(dir, 'project.json'), { force: true });
  if (plan.rootProject && (variant === 'floor' || variant === 'noop' || variant === 'static')) {
    writeFileSync(
      join(dir, 'project.json'),
      json(
        floorProjectJson(
          ROOT_PROJECT,
          '.',
          plan.packages.map((p) => p.name),
        ),
      ),
    );
  }
  if (plan.rootProject && variant === 'nxlv') {
    writeFileSync(join(dir, 'project.json'), json(nxlvRootProjectJson()));
  }
  for (const pkg of plan.packages) {
    const pdir = join(dir, pkg.dir);
    mkdirSync(join(pdir, 'src', pkg.module), { recursive: true });
    writeFileSync(join(pdir, 'pyproject.toml'), renderPackagePyproject(pkg));
    writeFileSync(join(pdir, 'src', pkg.module, '__init__.py'), renderInit(pkg));
    if (variant === 'floor' || variant === 'noop' || variant === 'static')
      writeFileSync(join(pdir, 'project.json'), json(floorProjectJson(pkg.name, pkg.dir, pkg.deps)));
    if (variant === 'nxlv') writeFileSync(join(pdir, 'project.json'), json(nxlvProjectJson(pkg)));
  }
  return plan;
}

/**
 * (b*): writes `targets` into the project.json of each project, from a graph.json node map
 * (`{ name: { data: { root, targets } } }`, as `nx graph --file` writes it).
 */
export function addStaticTargets(dir, graphNodes) {
  for (const node of Object.values(graphNodes)) {
    const root = node.data.root;
    const file = join(dir, root === '.' ? '' : root, 'project.json');
    const pj = JSON.parse(readFileSync(file, 'utf8'));
    pj.targets = node.data.targets ?? {};
    writeFileSync(file, json(pj));
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [outDir, variant, size] = process.argv.slice(2);
  if (!outDir || !variant || !size) {
    console.error(
      `usage: node tools/bench/graph/generate.mjs <outDir> <${VARIANTS.join('|')}> <size>   (static: targets are added by run.mjs)`,
    );
    process.exit(2);
  }
  const plan = writeWorkspace(resolve(outDir), variant, planWorkspace(Number(size)));
  console.log(`${variant}: ${plan.projectCount} projects, ${plan.edges.length} edges -> ${resolve(outDir)}`);
}
