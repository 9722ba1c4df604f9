import { fakeClients } from '../../clients/__testing__/fake-clients';
import { readNxJson, Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readBackendSetup } from '../shared/backend-setup';
import { fakeDeps } from '../shared/__testing__/fakes';
import { initGenerator } from '../init/generator';
import { addBackend } from './backend-edits';
import { defaultCudaVersion } from './cuda';
import { backendGenerator } from './generator';

const quiet = fakeClients();

describe('backend generator', () => {
  let tree: Tree;
  beforeEach(async () => {
    tree = createTreeWithEmptyWorkspace();
    await initGenerator(
      tree,
      { skipFormat: true, skipDockerfile: true, name: 'ml', torchIndexUrl: 'http://127.0.0.1:8123' },
      quiet,
    );
  });

  it('adds the extra, conflict, torch route and index to the root and the environments, and its CUDA version to nx.json', async () => {
    const before = tree.read('prod/pyproject.toml', 'utf-8') ?? '';
    const deps = fakeDeps();
    const task = await backendGenerator(tree, { name: 'cu126' }, deps);
    for (const f of ['pyproject.toml', 'staging/pyproject.toml', 'prod/pyproject.toml']) {
      const text = tree.read(f, 'utf-8') ?? '';
      expect(readBackendSetup(text, {}).map((b) => [b.name, b.index?.url])).toContainEqual([
        'cu126',
        'http://127.0.0.1:8123/cu126',
      ]);
      expect(text).toContain('        { extra = "cu128" },\n        { extra = "cu126" },\n    ],');
    }
    const after = tree.read('prod/pyproject.toml', 'utf-8') ?? '';
    const added = after.split('\n').filter((l) => !before.split('\n').includes(l));
    expect(added).toEqual([
      'cu126 = ["torch>=2.5"]',
      '        { extra = "cu126" },',
      '    { index = "pytorch-cu126", extra = "cu126" },',
      'name = "pytorch-cu126"',
      'url = "http://127.0.0.1:8123/cu126"',
    ]);
    expect(readNxJson(tree)?.plugins).toEqual([
      { plugin: '@mlws/nx', options: { backends: { cpu: null, cu124: '12.4.1', cu128: '12.8.1', cu126: '12.6.3' } } },
    ]);
    expect(task).toBeUndefined(); // no environment has a lock yet
    expect(deps.lines).toEqual([
      '@mlws/nx: backend cu126 (index http://127.0.0.1:8123/cu126, CUDA 12.6.3) added to pyproject.toml, staging/pyproject.toml, prod/pyproject.toml; nx.json "backends" lists it',
    ]);
  });

  it('relocks the environments that have a lock', async () => {
    tree.write('uv.lock', 'x');
    tree.write('prod/uv.lock', 'x');
    const deps = fakeDeps();
    const task = await backendGenerator(
      tree,
      { name: 'cu118', cudaVersion: '11.8.0', indexUrl: 'https://mirror.example/whl/cu118' },
      deps,
    );
    expect(typeof task).toBe('function');
    expect(deps.lines.slice(1)).toEqual(['@mlws/nx: then: uv lock', '@mlws/nx: then: uv lock --project prod']);
    expect(tree.read('pyproject.toml', 'utf-8')).toContain('url = "https://mirror.example/whl/cu118"');
  });

  it('refuses a backend the root has, and bad arguments, before writing anything', async () => {
    const before = tree.read('pyproject.toml', 'utf-8');
    await expect(backendGenerator(tree, { name: 'cu124' }, fakeDeps())).rejects.toThrow(
      '@mlws/nx: cu124 is already a backend of pyproject.toml (extras: cpu, cu124, cu128)',
    );
    await expect(backendGenerator(tree, { name: 'CU 126', cudaVersion: 'twelve' }, fakeDeps())).rejects.toThrow(
      '"CU 126" is not a valid backend name (a uv extra such as cpu, cu126, rocm6.2: lowercase letters and digits)\n@mlws/nx: --cuda-version twelve is not a CUDA version (e.g. 12.6.3)',
    );
    await expect(backendGenerator(tree, { name: 'cu126', indexUrl: 'ext::sh -c x' }, fakeDeps())).rejects.toThrow(
      '--index-url ext::sh -c x is not an http(s) or file URL',
    );
    expect(tree.read('pyproject.toml', 'utf-8')).toBe(before);
  });

  it('CUDA versions from the name', () => {
    expect([
      defaultCudaVersion('cu126'),
      defaultCudaVersion('cu118'),
      defaultCudaVersion('cu130'),
      defaultCudaVersion('cu131'),
      defaultCudaVersion('cpu'),
      defaultCudaVersion('rocm6.2'),
    ]).toEqual(['12.6.3', '11.8.0', '13.0.1', '13.1.0', null, null]);
  });
});

describe('addBackend', () => {
  it('follows the seeds fixture: one line per edit, in the file layout', () => {
    const text = readFileSync(join(__dirname, '../../toml/__fixtures__/staging.pyproject.toml'), 'utf8');
    const r = addBackend(
      text,
      'staging/pyproject.toml',
      {
        name: 'cu126',
        requirements: ['torch>=2.6'],
        index: { name: 'pytorch-cu126', url: 'https://download.pytorch.org/whl/cu126' },
      },
      ['cu124', 'cu128'],
    );
    if (!r.ok) throw new Error(r.message);
    expect(r.text).toContain('cu128 = ["torch>=2.7"]\ncu126 = ["torch>=2.6"]\n');
    expect(r.text).toContain('        { extra = "cu128" },\n        { extra = "cu126" },\n    ],\n]');
    expect(r.text).toContain(
      '    { index = "pytorch-cu128", extra = "cu128" },\n    { index = "pytorch-cu126", extra = "cu126" },\n]',
    );
    expect(
      r.text.endsWith(
        'explicit = true\n\n[[tool.uv.index]]\nname = "pytorch-cu126"\nurl = "https://download.pytorch.org/whl/cu126"\nexplicit = true\n',
      ),
    ).toBe(true);
  });

  it('starts the conflicts and the torch routes when there were none', () => {
    const text = '[project]\nname = "x"\n\n[project.optional-dependencies]\ncpu = ["torch"]\n';
    const r = addBackend(
      text,
      'f',
      { name: 'cu126', requirements: ['torch'], index: { name: 'pytorch-cu126', url: 'https://h/cu126' } },
      ['cpu'],
    );
    if (!r.ok) throw new Error(r.message);
    const round = readBackendSetup(r.text, {});
    expect(round.map((b) => b.name)).toEqual(['cpu', 'cu126']);
    expect(r.text).toContain('conflicts = [[{ extra = "cpu" }, { extra = "cu126" }]]');
  });
});
