import { editToml } from './edit';
import { TomlEditError } from './errors';
import { fixture, lineDiff, read, replaceOnce } from './__fixtures__/helpers';

describe('editToml', () => {
  it('adds a package to the dev root: dependency, workspace source', () => {
    const before = fixture('root');
    const after = editToml(before, [
      { op: 'append', path: ['project', 'dependencies'], value: 'model-llava' },
      { op: 'set', path: ['tool', 'uv', 'sources', 'model-llava'], value: { workspace: true } },
    ]);
    expect(lineDiff(before, after)).toEqual({
      removed: [],
      added: ['    "model-llava",\n', 'model-llava = { workspace = true }\n'],
    });
    expect(read(after)).toMatchObject({ tool: { uv: { sources: { 'model-llava': { workspace: true } } } } });
  });

  it('pins staging to new dev tags and bumps its version in one go', () => {
    const before = fixture('staging');
    const after = editToml(before, [
      { op: 'set', path: ['project', 'version'], value: '0.1.3.dev0' },
      { op: 'set', path: ['tool', 'uv', 'sources', 'bench-utils', 'tag'], value: 'v0.1.3.dev0' },
      { op: 'set', path: ['tool', 'uv', 'sources', 'model-qwen2-5-vl', 'tag'], value: 'v0.1.3.dev0' },
    ]);
    let expected = replaceOnce(before, 'version = "0.1.2.dev0"', 'version = "0.1.3.dev0"');
    expected = replaceOnce(
      expected,
      'bench-utils.git",      tag = "v0.1.2.dev0"',
      'bench-utils.git",      tag = "v0.1.3.dev0"',
    );
    expected = replaceOnce(
      expected,
      'model-qwen2-5-vl.git", tag = "v0.1.2.dev0"',
      'model-qwen2-5-vl.git", tag = "v0.1.3.dev0"',
    );
    expect(after).toBe(expected);
  });

  it('adds a backend: extra, index, conflict, per-extra torch source', () => {
    const before = fixture('root');
    const after = editToml(before, [
      { op: 'set', path: ['project', 'optional-dependencies', 'cu129'], value: ['torch>=2.8'] },
      {
        op: 'append',
        path: ['tool', 'uv', 'index'],
        value: { name: 'pytorch-cu129', url: 'https://download.pytorch.org/whl/cu129', explicit: true },
      },
      { op: 'append', path: ['tool', 'uv', 'conflicts', 0], value: { extra: 'cu129' } },
      { op: 'append', path: ['tool', 'uv', 'sources', 'torch'], value: { index: 'pytorch-cu129', extra: 'cu129' } },
    ]);
    let expected = replaceOnce(before, '    "torch>=2.7",\n]\n', '    "torch>=2.7",\n]\ncu129 = ["torch>=2.8"]\n');
    expected = replaceOnce(expected, '{extra="cu128"}]]', '{extra="cu128"},{extra="cu129"}]]');
    expected = replaceOnce(
      expected,
      'extra = "cu128" } ]',
      'extra = "cu128" }, { index = "pytorch-cu129", extra = "cu129" } ]',
    );
    const lastIndex = 'url = "https://download.pytorch.org/whl/cu128"\nexplicit = true\n';
    expected = replaceOnce(
      expected,
      lastIndex,
      `${lastIndex}\n[[tool.uv.index]]\nname = "pytorch-cu129"\nurl = "https://download.pytorch.org/whl/cu129"\nexplicit = true\n`,
    );
    expect(after).toBe(expected);
    expect(read(after)).toMatchObject({
      tool: { uv: { conflicts: [[{ extra: 'cu124' }, { extra: 'cu128' }, { extra: 'cu129' }]] } },
    });
  });

  it('removes a package everywhere: dependency line and source line', () => {
    const before = fixture('root');
    const removed = editToml(before, [
      { op: 'remove', path: ['project', 'dependencies'], match: (d) => d === 'model-interface' },
      { op: 'delete', path: ['tool', 'uv', 'sources', 'model-interface'] },
    ]);
    expect(lineDiff(before, removed)).toEqual({
      removed: ['    "model-interface",\n', 'model-interface = { workspace = true }\n'],
      added: [],
    });
  });

  it('stops at the first failing edit with its one-line reason', () => {
    const edits = [
      { op: 'set', path: ['project', 'version'], value: '1' },
      { op: 'append', path: ['project', 'name'], value: 'x' },
    ] as const;
    expect(() => editToml(fixture('root'), edits)).toThrow(
      new TomlEditError('cannot append to project.name: project.name is a string'),
    );
  });
});

describe('layout of new tables', () => {
  it('follows a file that does not separate its tables with blank lines', () => {
    const compact = '[a]\nx = 1\n[b]\ny = 1\n';
    expect(editToml(compact, [{ op: 'set', path: ['a', 'sub', 'k'], value: 1 }])).toBe(
      '[a]\nx = 1\n[a.sub]\nk = 1\n[b]\ny = 1\n',
    );
    expect(editToml(compact, [{ op: 'set', path: ['c', 'k'], value: 1 }])).toBe('[a]\nx = 1\n[b]\ny = 1\n[c]\nk = 1\n');
  });

  it('puts a new table before the comments that head the next one', () => {
    expect(editToml('[a]\nx = 1\n\n# about b\n[b]\ny = 1\n', [{ op: 'set', path: ['a', 'sub', 'k'], value: 1 }])).toBe(
      '[a]\nx = 1\n\n[a.sub]\nk = 1\n\n# about b\n[b]\ny = 1\n',
    );
  });

  it('adds a [[x]] element after the sub-tables of the last element', () => {
    const text = '[[a]]\nx = 1\n\n[a.sub]\ny = 1\n\n[b]\nz = 1\n';
    expect(editToml(text, [{ op: 'append', path: ['a'], value: { x: 2 } }])).toBe(
      '[[a]]\nx = 1\n\n[a.sub]\ny = 1\n\n[[a]]\nx = 2\n\n[b]\nz = 1\n',
    );
  });
});
