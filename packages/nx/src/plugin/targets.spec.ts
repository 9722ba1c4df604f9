import { readPyproject, type Pyproject } from '../model/pyproject';
import { buildWorkspaceModel } from '../model/workspace';
import { normalizeOptions, type MlwsPluginOptions } from '../model/options';
import { environmentTargets, packageTargets } from './targets';

function model(options: MlwsPluginOptions = {}) {
  const files = {
    'pyproject.toml': '[project]\nname = "ws"\n[tool.uv.workspace]\nmembers = ["packages/*"]\n',
    'packages/a/pyproject.toml': '[project]\nname = "a"\n',
  };
  const pyprojects = Object.entries(files).map(([f, text]) => {
    const r = readPyproject(f, text);
    if (!r.ok) throw new Error(r.error.message);
    return r.pyproject as Pyproject;
  });
  const o = normalizeOptions(options);
  const m = buildWorkspaceModel({ pyprojects, errors: [], submodules: [], dockerfiles: [], options: o });
  const pkg = m.packages.find((p) => p.name === 'a');
  if (!pkg) throw new Error('no package a');
  const dev = m.environments.find((e) => e.name === 'dev');
  if (!dev) throw new Error('no dev environment');
  return { targets: packageTargets(pkg, m, o), dev: environmentTargets(dev, m, o) };
}

describe('test target', () => {
  it('runs after dev:lock and hashes the lock dev:lock leaves, not the uv.lock on disk when Nx started', () => {
    const { test } = model().targets;
    expect(test.dependsOn).toEqual([{ projects: ['dev'], target: 'lock' }]);
    // Nx hashes a task before any task runs unless an input reads a dependency's outputs: the
    // plain file would key the tests on a missing (fresh clone) or stale (pyproject edited) lock
    expect(test.inputs).toContainEqual({ dependentTasksOutputFiles: 'uv.lock' });
    expect(test.inputs).not.toContain('{workspaceRoot}/uv.lock');
    expect(test.inputs).toEqual(expect.arrayContaining(['python-sources', '^python-sources']));
  });

  it('writes its JUnit report under the plugin-owned .mlws/reports/ (never a tracked reports/ of the repository), outside the package repository', () => {
    const { test } = model().targets;
    expect(test.options).toMatchObject({
      package: 'a',
      junitPath: '.mlws/reports/packages/a/junit.xml',
      environment: 'dev',
    });
    expect(test.outputs).toEqual(['{workspaceRoot}/.mlws/reports/{projectRoot}/junit.xml']);
  });

  it('follows a renamed lock target, and hashes the file when the lock target is disabled', () => {
    expect(model({ targetNames: { lock: 'resolve' } }).targets.test.dependsOn).toEqual([
      { projects: ['dev'], target: 'resolve' },
    ]);
    const { test } = model({ targetNames: { lock: false } }).targets;
    expect(test.dependsOn).toBeUndefined();
    expect(test.inputs).toContain('{workspaceRoot}/uv.lock');
    expect(test.inputs).not.toContainEqual({ dependentTasksOutputFiles: 'uv.lock' });
  });
});

describe('lint target', () => {
  it('like test: after dev:lock, hashed from the lock it leaves (ruff comes from that lock)', () => {
    const { lint } = model().targets;
    expect(lint.dependsOn).toEqual([{ projects: ['dev'], target: 'lock' }]);
    expect(lint.inputs).toContainEqual({ dependentTasksOutputFiles: 'uv.lock' });
    expect(lint.inputs).not.toContain('{workspaceRoot}/uv.lock');
    expect(lint.inputs).toEqual(
      expect.arrayContaining(['python-sources', '{workspaceRoot}/ruff.toml', '{workspaceRoot}/pyproject.toml']),
    );
  });
});

describe('lock target', () => {
  it('hashes the lock it starts from: uv keeps its pins, so another committed lock is another result', () => {
    const { lock } = model().dev;
    expect(lock.inputs).toContain('{workspaceRoot}/uv.lock');
    expect(lock.inputs).toEqual(
      expect.arrayContaining(['{workspaceRoot}/pyproject.toml', '{workspaceRoot}/packages/*/pyproject.toml']),
    );
    expect(lock.outputs).toEqual(['{workspaceRoot}/uv.lock']);
  });
});
