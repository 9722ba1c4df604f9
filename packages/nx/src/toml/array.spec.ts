import { appendToTomlArray, removeFromTomlArray } from './array';
import { fixture, lineDiff, read, replaceOnce } from './__fixtures__/helpers';

const deps = (text: string): unknown => (read(text).project as Record<string, unknown>).dependencies;

describe('appendToTomlArray', () => {
  it('adds a line to a multi-line array with comments: same indent, trailing comma kept', () => {
    const before = fixture('root');
    const after = appendToTomlArray(before, ['project', 'dependencies'], 'new-pkg');
    expect(after).toBe(
      replaceOnce(before, "    'pydantic>=2.7,<3',\n]", '    \'pydantic>=2.7,<3\',\n    "new-pkg",\n]'),
    );
    expect(lineDiff(before, after)).toEqual({ removed: [], added: ['    "new-pkg",\n'] });
    expect(deps(after)).toEqual([
      'bench-utils',
      'model-interface',
      'model-qwen2-5-vl',
      'numpy>=1.26',
      'pydantic>=2.7,<3',
      'new-pkg',
    ]);
  });

  it('keeps a no-trailing-comma habit (the previous last item gets the separating comma)', () => {
    const before = fixture('package');
    const after = appendToTomlArray(before, ['project', 'dependencies'], 'new-pkg');
    expect(after).toBe(replaceOnce(before, '  "pillow"\n]', '  "pillow",\n  "new-pkg"\n]'));
  });

  it('adds after the line comment of the last item', () => {
    const before = fixture('crlf');
    const after = appendToTomlArray(before, ['project', 'dependencies'], 'rich');
    expect(after).toBe(
      replaceOnce(before, '"pydantic>=2",  # models\r\n', '"pydantic>=2",  # models\r\n    "rich",\r\n'),
    );
  });

  it('keeps one-line arrays on one line, in their spacing', () => {
    const before = fixture('prod');
    const after = appendToTomlArray(before, ['project', 'dependencies'], 'new-pkg');
    expect(after).toBe(replaceOnce(before, '"model-qwen2-5-vl"]', '"model-qwen2-5-vl", "new-pkg"]'));
    expect(appendToTomlArray(fixture('minimal'), ['project', 'dependencies'], 'a')).toBe(
      replaceOnce(fixture('minimal'), 'dependencies = []', 'dependencies = ["a"]'),
    );
    expect(appendToTomlArray('a = [ "x", ]\n', ['a'], 'y')).toBe('a = [ "x", "y", ]\n');
    expect(appendToTomlArray('a = [ ]\n', ['a'], 'y')).toBe('a = [ "y" ]\n');
    expect(appendToTomlArray('a = [\n  "x",\n  "y"]\n', ['a'], 'z')).toBe('a = [\n  "x",\n  "y",\n  "z"]\n');
    expect(appendToTomlArray('a = [\n    # none yet\n]\n', ['a'], 'z')).toBe('a = [\n    # none yet\n    "z",\n]\n');
  });

  it('adds to conflicts in the style of the set (tight one-line, or multi-line)', () => {
    const root = fixture('root');
    expect(appendToTomlArray(root, ['tool', 'uv', 'conflicts', 0], { extra: 'cpu' })).toBe(
      replaceOnce(
        root,
        'conflicts = [[{extra="cu124"},{extra="cu128"}]]',
        'conflicts = [[{extra="cu124"},{extra="cu128"},{extra="cpu"}]]',
      ),
    );
    const staging = fixture('staging');
    expect(appendToTomlArray(staging, ['tool', 'uv', 'conflicts', 0], { extra: 'cpu' })).toBe(
      replaceOnce(
        staging,
        '        { extra = "cu128" },\n',
        '        { extra = "cu128" },\n        { extra = "cpu" },\n',
      ),
    );
    const withSet = appendToTomlArray(root, ['tool', 'uv', 'conflicts'], [{ extra: 'cpu' }, { extra: 'rocm' }]);
    expect(lineDiff(root, withSet).added).toEqual([
      'conflicts = [[{extra="cu124"},{extra="cu128"}],[{extra="cpu"},{extra="rocm"}]]\n',
    ]);
    expect((read(withSet).tool as { uv: { conflicts: unknown } }).uv.conflicts).toEqual([
      [{ extra: 'cu124' }, { extra: 'cu128' }],
      [{ extra: 'cpu' }, { extra: 'rocm' }],
    ]);
  });

  it('adds a [[tool.uv.index]] entry after the last one', () => {
    const before = fixture('root');
    const index = { name: 'pytorch-cpu', url: 'https://download.pytorch.org/whl/cpu', explicit: true };
    const after = appendToTomlArray(before, ['tool', 'uv', 'index'], index);
    const last = 'url = "https://download.pytorch.org/whl/cu128"\nexplicit = true\n';
    expect(after).toBe(
      replaceOnce(
        before,
        last,
        `${last}\n[[tool.uv.index]]\nname = "pytorch-cpu"\nurl = "https://download.pytorch.org/whl/cpu"\nexplicit = true\n`,
      ),
    );
    expect((read(after).tool as { uv: { index: unknown[] } }).uv.index[2]).toEqual(index);
  });

  it('starts [[tool.uv.index]] in a file without one; a CRLF file gets CRLF', () => {
    const minimal = fixture('minimal');
    expect(appendToTomlArray(minimal, ['tool', 'uv', 'index'], { name: 'cpu', url: 'https://x' })).toBe(
      `${minimal}\n[[tool.uv.index]]\nname = "cpu"\nurl = "https://x"\n`,
    );
    const crlf = fixture('crlf');
    expect(appendToTomlArray(crlf, ['tool', 'uv', 'index'], { name: 'b', url: 'https://b' })).toBe(
      `${crlf}\r\n[[tool.uv.index]]\r\nname = "b"\r\nurl = "https://b"\r\n`,
    );
  });

  it('creates a missing array as key = [item]', () => {
    const before = fixture('minimal');
    expect(appendToTomlArray(before, ['tool', 'uv', 'workspace', 'exclude'], 'packages/old')).toBe(
      `${before}exclude = ["packages/old"]\n`,
    );
  });

  it('refuses to append to a non-array', () => {
    expect(() => appendToTomlArray(fixture('root'), ['project', 'name'], 'x')).toThrow(
      'cannot append to project.name: project.name is a string',
    );
    expect(() => appendToTomlArray(fixture('root'), ['project'], 'x')).toThrow(
      'cannot append to project: project is a table',
    );
    expect(() => appendToTomlArray(fixture('root'), ['tool', 'uv', 'index'], 'x')).toThrow(
      'cannot append to tool.uv.index: tool.uv.index is an array of tables and the item is not a table',
    );
  });
});

describe('removeFromTomlArray', () => {
  it('removes a dependency line from a multi-line array with comments', () => {
    const before = fixture('root');
    const after = removeFromTomlArray(before, ['project', 'dependencies'], (d) => d === 'model-interface');
    expect(after).toBe(replaceOnce(before, '    "model-interface",\n', ''));
    expect(lineDiff(before, after)).toEqual({ removed: ['    "model-interface",\n'], added: [] });
  });

  it('removes an item with its line comment, leaving comment lines around it', () => {
    const before = fixture('root');
    const after = removeFromTomlArray(before, ['project', 'dependencies'], (d) => d === 'model-qwen2-5-vl');
    expect(after).toBe(replaceOnce(before, '    "model-qwen2-5-vl", # the big one\n', ''));
  });

  it('removes the last item of a no-trailing-comma array and keeps that habit', () => {
    const before = fixture('package');
    const after = removeFromTomlArray(before, ['project', 'dependencies'], (d) => d === 'pillow');
    expect(after).toBe(
      replaceOnce(
        before,
        '  "transformers>=4.49",\n  # "accelerate",  commented out on purpose\n  "pillow"\n',
        '  "transformers>=4.49"\n  # "accelerate",  commented out on purpose\n',
      ),
    );
  });

  it('removes from one-line arrays with the neighbouring comma', () => {
    const before = fixture('prod');
    expect(removeFromTomlArray(before, ['project', 'dependencies'], (d) => d === 'model-interface')).toBe(
      replaceOnce(
        before,
        '["bench-utils", "model-interface", "model-qwen2-5-vl"]',
        '["bench-utils", "model-qwen2-5-vl"]',
      ),
    );
    expect(removeFromTomlArray(before, ['project', 'dependencies'], (d) => d === 'model-qwen2-5-vl')).toBe(
      replaceOnce(
        before,
        '["bench-utils", "model-interface", "model-qwen2-5-vl"]',
        '["bench-utils", "model-interface"]',
      ),
    );
    expect(removeFromTomlArray('a = ["x"]\n', ['a'], () => true)).toBe('a = []\n');
    expect(removeFromTomlArray('a = [ "x", "y", ]\n', ['a'], (x) => x === 'y')).toBe('a = [ "x", ]\n');
    expect(removeFromTomlArray('a = [\n  "a",\n  "b"]\n', ['a'], (x) => x === 'b')).toBe('a = [\n  "a"]\n');
  });

  it('removes every match, and matches on parsed items (tables too)', () => {
    expect(removeFromTomlArray('a = [\n  "x",\n  "x", # c\n  "y",\n]\n', ['a'], (x) => x === 'x')).toBe(
      'a = [\n  "y",\n]\n',
    );
    const root = fixture('root');
    const after = removeFromTomlArray(
      root,
      ['tool', 'uv', 'sources', 'torch'],
      (s) => (s as { extra: string }).extra === 'cu128',
    );
    expect(after).toBe(
      replaceOnce(
        root,
        '{ index = "pytorch-cu124", extra = "cu124" }, { index = "pytorch-cu128", extra = "cu128" } ]',
        '{ index = "pytorch-cu124", extra = "cu124" } ]',
      ),
    );
  });

  it('removes [[tool.uv.index]] entries by their fields', () => {
    const before = fixture('staging');
    const after = removeFromTomlArray(
      before,
      ['tool', 'uv', 'index'],
      (i) => (i as { name: string }).name === 'pytorch-cu128',
    );
    expect(after).toBe(
      replaceOnce(
        before,
        '\n\n[[tool.uv.index]]\nname = "pytorch-cu128"\nurl = "https://download.pytorch.org/whl/cu128"\nexplicit = true\n',
        '\n',
      ),
    );
  });

  it('leaves the text alone when the array is missing or nothing matches', () => {
    const before = fixture('root');
    expect(removeFromTomlArray(before, ['project', 'nothing'], () => true)).toBe(before);
    expect(removeFromTomlArray(before, ['project', 'dependencies'], () => false)).toBe(before);
  });
});
