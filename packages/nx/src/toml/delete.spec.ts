import { deleteTomlValue } from './delete';
import { fixture, lineDiff, read, replaceOnce } from './__fixtures__/helpers';

describe('deleteTomlValue', () => {
  it('deletes a source with its line; alignment of the others untouched', () => {
    const before = fixture('staging');
    const line =
      'model-interface  = { git = "https://github.com/VLMHyperBenchTeam/model-interface.git",  tag = "v0.1.2.dev0", subdirectory = "." }\n';
    const after = deleteTomlValue(before, ['tool', 'uv', 'sources', 'model-interface']);
    expect(after).toBe(replaceOnce(before, line, ''));
    expect(lineDiff(before, after)).toEqual({ removed: [line], added: [] });
    expect(Object.keys((read(after).tool as { uv: { sources: object } }).uv.sources)).toEqual([
      'bench-utils',
      'model-qwen2-5-vl',
      'torch',
    ]);
  });

  it('deletes a multi-line value with all its lines, and a line with its comment', () => {
    const staging = fixture('staging');
    const torch =
      'torch = [\n    { index = "pytorch-cu124", extra = "cu124" },\n    { index = "pytorch-cu128", extra = "cu128" },\n]\n';
    expect(deleteTomlValue(staging, ['tool', 'uv', 'sources', 'torch'])).toBe(replaceOnce(staging, torch, ''));
    expect(deleteTomlValue(staging, ['tool', 'uv', 'sources', 'model-qwen2-5-vl'])).not.toContain('# renamed dir');
  });

  it('deletes an inline-table field and an array item', () => {
    const root = fixture('root');
    expect(deleteTomlValue(root, ['tool', 'uv', 'sources', 'torch', 0])).toBe(
      replaceOnce(root, '[ { index = "pytorch-cu124", extra = "cu124" }, {', '[ {'),
    );
    const prod = fixture('prod');
    expect(deleteTomlValue(prod, ['tool', 'uv', 'sources', 'bench-utils', 'subdirectory'])).toBe(
      replaceOnce(
        prod,
        'bench-utils.git",      tag = "v0.1.2", subdirectory = "." }',
        'bench-utils.git",      tag = "v0.1.2" }',
      ),
    );
    expect(deleteTomlValue('a = { x = 1, y = 2 }\n', ['a', 'x'])).toBe('a = { y = 2 }\n');
    expect(deleteTomlValue('a = { x = 1 }\n', ['a', 'x'])).toBe('a = {}\n');
  });

  it('deletes a whole table at the end of the file without leaving blank lines', () => {
    const before = fixture('root');
    expect(deleteTomlValue(before, ['tool', 'ruff'])).toBe(
      replaceOnce(
        before,
        '\n[tool.ruff]\nline-length = 100\nlint.select = ["E", "F", "I"]   # dotted key inside a table\n',
        '',
      ),
    );
  });

  it('deletes a table with its sub-tables and arrays of tables', () => {
    const before = fixture('root');
    const after = deleteTomlValue(before, ['tool', 'uv']);
    const start = before.indexOf('[tool.uv]\n');
    expect(after).toBe(before.slice(0, start) + before.slice(before.indexOf('[tool.ruff]')));
    expect(read(after).tool).toEqual({ ruff: { 'line-length': 100, lint: { select: ['E', 'F', 'I'] } } });
  });

  it('deletes one element of an array of tables, with its own sub-tables only', () => {
    const text = '[[a]]\nx = 1\n[a.sub]\ny = 1\n\n[[a]]\nx = 2\n[a.sub]\ny = 2\n\n[b]\nz = 1\n';
    expect(deleteTomlValue(text, ['a', 0])).toBe('[[a]]\nx = 2\n[a.sub]\ny = 2\n\n[b]\nz = 1\n');
    expect(deleteTomlValue(text, ['a', 1])).toBe('[[a]]\nx = 1\n[a.sub]\ny = 1\n\n[b]\nz = 1\n');
    const root = fixture('root');
    expect(deleteTomlValue(root, ['tool', 'uv', 'index', 0])).toBe(
      replaceOnce(
        root,
        '[[tool.uv.index]]\nname = "pytorch-cu124"\nurl = "https://download.pytorch.org/whl/cu124"\nexplicit = true\n\n',
        '',
      ),
    );
  });

  it('takes the comment lines directly above a deleted table with it', () => {
    expect(deleteTomlValue('[a]\nx = 1\n\n# about b\n[b]\ny = 1\n\n[c]\nz = 1\n', ['b'])).toBe(
      '[a]\nx = 1\n\n[c]\nz = 1\n',
    );
  });

  it('does not mistake the end of a multi-line string for a comment above a header', () => {
    expect(deleteTomlValue('a = """\nx\n# tricky"""\n[b]\ny = 1\n', ['b'])).toBe('a = """\nx\n# tricky"""\n');
  });

  it('deletes tables written with dotted keys', () => {
    expect(deleteTomlValue('[tool]\nuv.package = false\nuv.dev = true\nother = 1\n', ['tool', 'uv'])).toBe(
      '[tool]\nother = 1\n',
    );
    expect(deleteTomlValue('b = { p.q = 1, p.r = 2, s = 3 }\n', ['b', 'p'])).toBe('b = { s = 3 }\n');
  });

  it('keeps CRLF and a missing final newline', () => {
    const crlf = fixture('crlf');
    expect(deleteTomlValue(crlf, ['tool', 'uv', 'index'])).toBe(crlf.slice(0, crlf.indexOf('\r\n[[tool.uv.index]]')));
    expect(deleteTomlValue('a = 1\nb = 2', ['b'])).toBe('a = 1');
  });

  it('leaves the text alone when the path does not exist', () => {
    const root = fixture('root');
    expect(deleteTomlValue(root, ['tool', 'uv', 'sources', 'nope'])).toBe(root);
    expect(deleteTomlValue(root, ['project', 'version', 'x'])).toBe(root);
  });
});
