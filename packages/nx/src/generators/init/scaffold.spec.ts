import { readPyproject } from '../../model/pyproject';
import { defaultBackendSpecs, PYTORCH_INDEX_BASE, readBackendSetup } from '../shared/backend-setup';
import { pinInEnvironment } from '../../uv/pin-source';
import { projectNameFrom, scaffoldFiles } from './scaffold';

const files = scaffoldFiles({
  name: 'ml',
  pythonVersion: '3.11',
  backends: defaultBackendSpecs(['cpu', 'cu124', 'cu128'], PYTORCH_INDEX_BASE),
  environments: [
    { name: 'staging', path: 'staging', role: 'staging' },
    { name: 'prod', path: 'prod', role: 'prod' },
  ],
});

describe('scaffoldFiles', () => {
  it('writes the root, staging, prod pyprojects and .python-version', () => {
    expect(Object.keys(files)).toEqual([
      'pyproject.toml',
      '.python-version',
      'staging/pyproject.toml',
      'prod/pyproject.toml',
    ]);
    expect(files['.python-version']).toBe('3.11\n');
  });

  it('makes the root a uv workspace with the dev group and the backends', () => {
    expect(files['pyproject.toml'])
      .toBe(`# ml: the root of the uv workspace = the *dev* environment (editable packages from packages/*).
# New package (its own git repo, attached as a submodule): nx g @mlws/nx:package <name>
# Environments with pinned tags: staging/pyproject.toml, prod/pyproject.toml.

[project]
name = "ml"
version = "0.1.0"
requires-python = ">=3.11"
dependencies = [
]

[project.optional-dependencies]
# A PyTorch backend must be chosen: one of these extras (uv sync --extra <backend>).
cpu = ["torch>=2.5"]
cu124 = ["torch>=2.5"]
cu128 = ["torch>=2.5"]

[dependency-groups]
dev = ["pytest", "ruff"]

[tool.uv]
# The backends exclude each other.
conflicts = [
    [
        { extra = "cpu" },
        { extra = "cu124" },
        { extra = "cu128" },
    ],
]

[tool.uv.workspace]
members = ["packages/*"]

[tool.uv.sources]
torch = [
    { index = "pytorch-cpu", extra = "cpu" },
    { index = "pytorch-cu124", extra = "cu124" },
    { index = "pytorch-cu128", extra = "cu128" },
]

[[tool.uv.index]]
name = "pytorch-cpu"
url = "https://download.pytorch.org/whl/cpu"
explicit = true

[[tool.uv.index]]
name = "pytorch-cu124"
url = "https://download.pytorch.org/whl/cu124"
explicit = true

[[tool.uv.index]]
name = "pytorch-cu128"
url = "https://download.pytorch.org/whl/cu128"
explicit = true
`);
    const root = readPyproject('pyproject.toml', files['pyproject.toml']);
    expect(root.ok && root.pyproject.workspace).toEqual({ members: ['packages/*'], exclude: [] });
  });

  it('gives staging pytest and prod no dev tools, both with the backends and no pins', () => {
    const staging = files['staging/pyproject.toml'];
    const prod = files['prod/pyproject.toml'];
    expect(staging).toContain('[dependency-groups]\ndev = ["pytest"]\n');
    expect(prod).not.toContain('[dependency-groups]');
    for (const text of [staging, prod]) {
      const p = readPyproject('x', text);
      if (!p.ok) throw new Error(p.error.message);
      expect(Object.keys(p.pyproject.sources)).toEqual(['torch']);
      expect(readBackendSetup(text, {}).map((b) => [b.name, b.index?.url])).toEqual([
        ['cpu', 'https://download.pytorch.org/whl/cpu'],
        ['cu124', 'https://download.pytorch.org/whl/cu124'],
        ['cu128', 'https://download.pytorch.org/whl/cu128'],
      ]);
    }
    expect(staging.startsWith('# staging: internal packages pinned to *dev* tags')).toBe(true);
    expect(prod).toContain('name = "ml-prod"');
  });

  it('is ready for pins: the first one lands in dependencies and [tool.uv.sources]', () => {
    const r = pinInEnvironment(files['staging/pyproject.toml'], 'staging/pyproject.toml', {
      name: 'bench-utils',
      url: 'https://h/bench-utils.git',
      tag: 'v0.1.0.dev0',
    });
    if (!r.ok) throw new Error(r.message);
    expect(r.edit.text).toContain('dependencies = [\n    "bench-utils",\n]');
    expect(r.edit.text).toContain(
      '    { index = "pytorch-cu128", extra = "cu128" },\n]\nbench-utils = { git = "https://h/bench-utils.git", tag = "v0.1.0.dev0", subdirectory = "." }\n',
    );
  });

  it('one backend needs no conflicts; none gives an empty sources table', () => {
    const one = scaffoldFiles({
      name: 'x',
      pythonVersion: '3.12.4',
      backends: defaultBackendSpecs(['cpu'], 'http://127.0.0.1:9'),
      environments: [],
    });
    expect(one['pyproject.toml']).not.toContain('conflicts');
    expect(one['pyproject.toml']).toContain('requires-python = ">=3.12"');
    const none = scaffoldFiles({
      name: 'x',
      pythonVersion: '3.11',
      backends: [],
      environments: [{ name: 'qa', path: 'envs/qa', role: 'other' }],
    });
    expect(none['envs/qa/pyproject.toml']).toContain('[tool.uv.sources]\n');
    expect(none['envs/qa/pyproject.toml']).not.toContain('torch');
  });
});

describe('projectNameFrom', () => {
  it.each([
    ['@org/ml-app', 'ml-app'],
    ['My App', 'My-App'],
    ['workspace', 'workspace'],
    ['--', undefined],
    [undefined, undefined],
  ])('%s → %s', (raw, name) => {
    expect(projectNameFrom(raw)).toBe(name);
  });
});
