import { fixture, lineDiff, read, replaceOnce } from './__fixtures__/helpers';
import { TomlEditError } from './errors';
import { setTomlValue } from './set';

describe('setTomlValue on existing values', () => {
  it('bumps [project].version: only the string token changes, the comment stays', () => {
    const before = fixture('root');
    const after = setTomlValue(before, ['project', 'version'], '0.1.2.dev1');
    expect(after).toBe(replaceOnce(before, 'version = "0.1.2.dev0"  # bumped', 'version = "0.1.2.dev1"  # bumped'));
    expect(lineDiff(before, after)).toEqual({
      removed: ['version = "0.1.2.dev0"  # bumped by the release flow\n'],
      added: ['version = "0.1.2.dev1"  # bumped by the release flow\n'],
    });
    expect(read(after)).toEqual({
      ...read(before),
      project: { ...(read(before).project as object), version: '0.1.2.dev1' },
    });
  });

  it('sets a git tag inside a column-aligned inline table: only that token changes', () => {
    const before = fixture('staging');
    const after = setTomlValue(before, ['tool', 'uv', 'sources', 'model-interface', 'tag'], 'v0.1.3.dev0');
    const line =
      'model-interface  = { git = "https://github.com/VLMHyperBenchTeam/model-interface.git",  tag = "v0.1.2.dev0", subdirectory = "." }';
    expect(after).toBe(replaceOnce(before, line, line.replace('v0.1.2.dev0', 'v0.1.3.dev0')));
    expect(lineDiff(before, after).removed).toEqual([`${line}\n`]);
    expect(read(after)).toMatchObject({
      tool: { uv: { sources: { 'model-interface': { tag: 'v0.1.3.dev0', subdirectory: '.' } } } },
    });
  });

  it('merges a whole source object field by field (alignment and other fields untouched)', () => {
    const before = fixture('prod');
    const value = { git: 'https://github.com/VLMHyperBenchTeam/bench-utils.git', tag: 'v0.2.0', subdirectory: '.' };
    const after = setTomlValue(before, ['tool', 'uv', 'sources', 'bench-utils'], value);
    expect(after).toBe(
      replaceOnce(before, 'bench-utils.git",      tag = "v0.1.2"', 'bench-utils.git",      tag = "v0.2.0"'),
    );
    expect((read(after).tool as { uv: { sources: Record<string, unknown> } }).uv.sources['bench-utils']).toEqual(value);
  });

  it('changes nothing when the value is equal (literal strings keep their quotes)', () => {
    const before = fixture('package');
    expect(setTomlValue(before, ['project', 'description'], 'Qwen2.5-VL adapter: C:\\models literal path')).toBe(
      before,
    );
    expect(setTomlValue(before, ['tool', 'pytest', 'ini_options', 'testpaths'], ['tests'])).toBe(before);
  });

  it('writes a changed literal string as an escaped basic string', () => {
    const before = fixture('package');
    const after = setTomlValue(before, ['project', 'description'], 'C:\\models "v2"');
    expect(after).toBe(
      replaceOnce(
        before,
        "description = 'Qwen2.5-VL adapter: C:\\models literal path'",
        'description = "C:\\\\models \\"v2\\""',
      ),
    );
    expect((read(after).project as Record<string, unknown>).description).toBe('C:\\models "v2"');
  });

  it('keeps CRLF line endings', () => {
    const before = fixture('crlf');
    const after = setTomlValue(before, ['tool', 'uv', 'sources', 'model-interface', 'tag'], 'v0.2.0');
    expect(after).toBe(replaceOnce(before, 'tag = "v0.1.2.dev0"', 'tag = "v0.2.0"'));
    expect(after.match(/\r\n/g)?.length).toBe(before.match(/\r\n/g)?.length);
  });

  it('sets a field of an array-of-tables element', () => {
    const before = fixture('root');
    const after = setTomlValue(before, ['tool', 'uv', 'index', 1, 'url'], 'https://mirror.example/whl/cu128');
    expect(after).toBe(
      replaceOnce(before, 'url = "https://download.pytorch.org/whl/cu128"', 'url = "https://mirror.example/whl/cu128"'),
    );
  });

  it('sets an item of a one-line array of inline tables in that array’s spacing', () => {
    const before = fixture('root');
    const after = setTomlValue(before, ['tool', 'uv', 'sources', 'torch', 1], {
      index: 'pytorch-cu129',
      extra: 'cu129',
    });
    expect(after).toBe(
      replaceOnce(
        before,
        '{ index = "pytorch-cu128", extra = "cu128" } ]',
        '{ index = "pytorch-cu129", extra = "cu129" } ]',
      ),
    );
  });

  it('replaces a value of another type in place, keeping the line comment', () => {
    expect(setTomlValue('a = "x" # keep\n', ['a'], { y: 1 })).toBe('a = { y = 1 } # keep\n');
  });

  it('merges an array item by item, keeping layout and comments', () => {
    const before = fixture('root');
    const deps = ['bench-utils', 'model-interface', 'model-qwen2-5-vl', 'numpy>=2', 'pydantic>=2.7,<3'];
    const after = setTomlValue(before, ['project', 'dependencies'], deps);
    expect(after).toBe(replaceOnce(before, '"numpy>=1.26",', '"numpy>=2",'));
    expect(setTomlValue('a = [\n  1,\n  2,\n  3,\n]\n', ['a'], [1, 2])).toBe('a = [\n  1,\n  2,\n]\n');
  });

  it('merges a table: sets, appends and deletes keys', () => {
    const before = '[project]\nname = "x" # n\nversion = "1"\nold = 1\n';
    expect(setTomlValue(before, ['project'], { name: 'x', version: '2', new: true })).toBe(
      '[project]\nname = "x" # n\nversion = "2"\nnew = true\n',
    );
  });
});

describe('setTomlValue creating keys and tables', () => {
  it('adds x = { workspace = true } to an existing [tool.uv.sources], after its last key', () => {
    const before = fixture('root');
    const after = setTomlValue(before, ['tool', 'uv', 'sources', 'new-pkg'], { workspace: true });
    const torch =
      'torch = [ { index = "pytorch-cu124", extra = "cu124" }, { index = "pytorch-cu128", extra = "cu128" } ]\n';
    expect(after).toBe(replaceOnce(before, torch, `${torch}new-pkg = { workspace = true }\n`));
    expect(lineDiff(before, after)).toEqual({ removed: [], added: ['new-pkg = { workspace = true }\n'] });
    expect(read(after)).toMatchObject({ tool: { uv: { sources: { 'new-pkg': { workspace: true } } } } });
  });

  it('adds [tool.uv.sources] to a file that lacks it, after the last tool.uv table', () => {
    const before = fixture('minimal');
    const after = setTomlValue(before, ['tool', 'uv', 'sources', 'new-pkg'], { workspace: true });
    expect(after).toBe(`${before}\n[tool.uv.sources]\nnew-pkg = { workspace = true }\n`);
    expect(read(after)).toEqual({
      ...read(before),
      tool: { uv: { workspace: { members: ['packages/*'] }, sources: { 'new-pkg': { workspace: true } } } },
    });
  });

  it('puts a new table after the last table of the same prefix, not at the end', () => {
    const before = fixture('package');
    const after = setTomlValue(before, ['project', 'optional-dependencies', 'cu124'], ['torch>=2.5']);
    const anchor = 'urls.Homepage = "https://github.com/VLMHyperBenchTeam/model-qwen2-5-vl"\n';
    expect(after).toBe(
      replaceOnce(before, anchor, `${anchor}\n[project.optional-dependencies]\ncu124 = ["torch>=2.5"]\n`),
    );
  });

  it('adds an extra to [project.optional-dependencies]', () => {
    const before = fixture('root');
    const after = setTomlValue(before, ['project', 'optional-dependencies', 'rocm'], ['torch>=2.5']);
    expect(after).toBe(replaceOnce(before, '    "torch>=2.7",\n]\n', '    "torch>=2.7",\n]\nrocm = ["torch>=2.5"]\n'));
    expect(read(after)).toMatchObject({
      project: { 'optional-dependencies': { rocm: ['torch>=2.5'], cpu: ['torch>=2.5'] } },
    });
  });

  it('writes a dotted key next to its dotted siblings', () => {
    const before = fixture('package');
    const after = setTomlValue(before, ['project', 'urls', 'Docs'], 'https://docs.example');
    const anchor = 'urls.Homepage = "https://github.com/VLMHyperBenchTeam/model-qwen2-5-vl"\n';
    expect(after).toBe(replaceOnce(before, anchor, `${anchor}urls.Docs = "https://docs.example"\n`));
    expect(setTomlValue(fixture('root'), ['tool', 'ruff', 'lint', 'ignore'], ['E501'])).toBe(
      `${fixture('root')}lint.ignore = ["E501"]\n`,
    );
  });

  it('quotes keys that need it', () => {
    const before = fixture('package');
    const after = setTomlValue(before, ['tool', 'uv', 'sources', 'a.b'], { path: 'packages/a b' });
    expect(lineDiff(before, after).added).toEqual(['"a.b" = { path = "packages/a b" }\n']);
    expect(read(after)).toMatchObject({ tool: { uv: { sources: { 'a.b': { path: 'packages/a b' } } } } });
  });

  it('aligns a new key with a column-aligned neighbour', () => {
    expect(setTomlValue('[s]\nab      = 1\nabcd    = 2\n', ['s', 'xyz'], 3)).toBe(
      '[s]\nab      = 1\nabcd    = 2\nxyz     = 3\n',
    );
  });

  it('follows an indented table', () => {
    expect(setTomlValue('[a]\n  x = 1\n', ['a', 'y'], 2)).toBe('[a]\n  x = 1\n  y = 2\n');
  });

  it('adds a field to an inline table in its spacing', () => {
    const before = fixture('root');
    const after = setTomlValue(before, ['tool', 'uv', 'sources', 'bench-utils', 'editable'], false);
    expect(after).toBe(
      replaceOnce(before, 'bench-utils = { workspace = true }', 'bench-utils = { workspace = true, editable = false }'),
    );
    expect(setTomlValue('a = {x=1}\n', ['a', 'y'], 2)).toBe('a = {x=1,y=2}\n');
    expect(setTomlValue('a = {}\n', ['a', 'y'], 'v')).toBe('a = { y = "v" }\n');
  });

  it('creates a table from an object that holds tables', () => {
    const before = fixture('minimal');
    const after = setTomlValue(before, ['tool', 'uv', 'sources'], { a: { workspace: true }, b: { workspace: true } });
    expect(after).toBe(`${before}\n[tool.uv.sources]\na = { workspace = true }\nb = { workspace = true }\n`);
  });

  it('puts a new root key above the first table', () => {
    expect(setTomlValue(fixture('minimal'), ['top'], 1)).toBe(`top = 1\n\n${fixture('minimal')}`);
  });

  it('adds a new table at the end when no table shares a prefix', () => {
    const before = fixture('staging');
    expect(setTomlValue(before, ['dependency-groups', 'dev'], ['pytest>=8'])).toBe(
      `${before}\n[dependency-groups]\ndev = ["pytest>=8"]\n`,
    );
  });

  it('keeps CRLF in new lines and tables', () => {
    const before = fixture('crlf');
    const after = setTomlValue(before, ['tool', 'uv', 'workspace', 'members'], ['packages/*']);
    expect(after).toBe(`${before}\r\n[tool.uv.workspace]\r\nmembers = ["packages/*"]\r\n`);
    expect(after.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('keeps a byte-order mark', () => {
    expect(setTomlValue('\uFEFF[project]\nname = "x"\n', ['project', 'name'], 'y')).toBe(
      '\uFEFF[project]\nname = "y"\n',
    );
  });

  it('keeps a missing final newline, and writes an empty file from scratch', () => {
    expect(setTomlValue('a = 1', ['t', 'x'], 2)).toBe('a = 1\n\n[t]\nx = 2');
    expect(setTomlValue('', ['tool', 'uv', 'sources', 'x'], { workspace: true })).toBe(
      '[tool.uv.sources]\nx = { workspace = true }\n',
    );
  });
});

describe('setTomlValue refusals', () => {
  const err = (fn: () => unknown): string => {
    try {
      fn();
    } catch (e) {
      expect(e).toBeInstanceOf(TomlEditError);
      return (e as Error).message;
    }
    throw new Error('expected a TomlEditError');
  };

  it('explains in one line what is in the way', () => {
    expect(err(() => setTomlValue('[tool]\nuv = "x"\n', ['tool', 'uv', 'sources', 'x'], { workspace: true }))).toBe(
      'cannot set tool.uv.sources.x: tool.uv is a string',
    );
    expect(err(() => setTomlValue(fixture('root'), ['tool', 'uv', 'package', 'x'], 1))).toBe(
      'cannot set tool.uv.package.x: tool.uv.package is a boolean',
    );
    expect(err(() => setTomlValue(fixture('root'), ['tool', 'uv'], 1))).toBe('cannot set tool.uv: tool.uv is a table');
    expect(err(() => setTomlValue(fixture('root'), ['tool', 'uv', 'index', 'name'], 'x'))).toBe(
      'cannot set tool.uv.index.name: tool.uv.index is an array of tables',
    );
    expect(err(() => setTomlValue(fixture('root'), ['project', 'dependencies', 9], 'x'))).toBe(
      'cannot set project.dependencies[9]: project.dependencies is an array of 5 items',
    );
  });

  it('refuses values TOML cannot hold', () => {
    expect(err(() => setTomlValue('', ['a'], null as never))).toBe('cannot set a: a is null, which TOML cannot hold');
    expect(err(() => setTomlValue('', ['a'], { b: [undefined] } as never))).toBe(
      'cannot set a: a.b[0] is undefined, which TOML cannot hold',
    );
    expect(err(() => setTomlValue('', ['a'], '\uD800'))).toBe('cannot set a: a has an unpaired surrogate');
  });

  it('refuses to edit text that is not TOML', () => {
    expect(err(() => setTomlValue('a = \n', ['b'], 1))).toMatch(
      /^cannot set b: the document is not valid TOML \(.+\)$/,
    );
  });
});
