// Fixture of the affected benchmark: the graph bench's workspace whose every package is a git
// submodule (a nested repository with one commit, recorded as a gitlink in the root repository and
// declared in .gitmodules), for (a) @mlws/nx and for (b*) the same projects, edges, targets and
// named inputs written statically into project.json (committed inside each package's repository).

import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeWorkspace } from '../graph/generate.mjs';

const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'bench',
  GIT_AUTHOR_EMAIL: 'bench@example.invalid',
  GIT_COMMITTER_NAME: 'bench',
  GIT_COMMITTER_EMAIL: 'bench@example.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

function sh(script, cwd) {
  const r = spawnSync('bash', ['-c', script], { cwd, env: GIT_ENV, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`fixture step failed in ${cwd}:\n${r.stderr.slice(-3000)}`);
  return r.stdout;
}

/** `.gitmodules` declaring every package directory (URLs are never fetched: the checkouts are there). */
export function renderGitmodules(plan) {
  return plan.packages.map((p) => `[submodule "${p.dir}"]\n\tpath = ${p.dir}\n\turl = ../${p.name}.git\n`).join('');
}

/** Writes the workspace of `variant` ('mlws' or 'static'), without the root commit (see commitRoot). */
export function writeSubmoduleWorkspace(ws, variant, plan, uvLock) {
  writeWorkspace(ws, variant === 'static' ? 'static' : 'mlws', plan, { uvLock });
  writeFileSync(join(ws, '.gitmodules'), renderGitmodules(plan));
  writeFileSync(join(ws, '.gitignore'), 'node_modules\n.nx\n.venv\n*.json.out\n__pycache__\n*.tgz\n');
}

/** (b*): the targets and named inputs of (a)'s graph.json nodes, written into each project.json. */
export function addStaticProjects(ws, graphNodes) {
  for (const node of Object.values(graphNodes)) {
    const root = node.data.root;
    const file = join(ws, root === '.' ? '' : root, 'project.json');
    const pj = JSON.parse(readFileSync(file, 'utf8'));
    pj.targets = node.data.targets ?? {};
    if (node.data.namedInputs) pj.namedInputs = node.data.namedInputs;
    writeFileSync(file, JSON.stringify(pj, null, 2) + '\n');
  }
}

/** One repository and commit per package (run after the package files are final). */
export function commitPackages(ws, plan) {
  const dirs = plan.packages.map((p) => p.dir).join('\n');
  sh(
    `while read -r d; do
       git -C "$d" init -q --template= -b main && git -C "$d" add -A && git -C "$d" commit -q --no-verify -m init || exit 1
     done <<'EOF'\n${dirs}\nEOF`,
    ws,
  );
}

/** The root repository: everything, the packages as gitlinks. */
export function commitRoot(ws) {
  sh(
    'git init -q --template= -b main && git -c advice.addEmbeddedRepo=false add -A && git commit -q --no-verify -m workspace',
    ws,
  );
  const gitlinks = sh('git ls-files -s | grep -c "^160000" || true', ws).trim();
  return Number(gitlinks);
}

/** The change: one line appended to a source file inside `pkg`'s submodule (not committed). */
export function editInside(ws, pkg) {
  const file = join(ws, pkg.dir, 'src', pkg.module, '__init__.py');
  writeFileSync(file, readFileSync(file, 'utf8') + '# edited by the affected benchmark\n');
  return `${pkg.dir}/src/${pkg.module}/__init__.py`;
}

/** What git reports to Nx for that change (the gitlink), as a check of the fixture. */
export function changedPaths(ws) {
  return sh('git diff --name-only HEAD', ws).trim().split('\n').filter(Boolean);
}
