import { fixture, PYPROJECTS } from './__fixtures__/helpers';
import { scanToml } from './scan';

const slice = (text: string, n: { start: number; end: number }): string => text.slice(n.start, n.end);

describe('scanToml', () => {
  it('finds headers with resolved paths and key/value ranges', () => {
    const text = fixture('staging');
    const doc = scanToml(text);
    expect(doc.tables.map((t) => t.path)).toEqual([
      [],
      ['project'],
      ['project', 'optional-dependencies'],
      ['tool', 'uv'],
      ['tool', 'uv', 'sources'],
      ['tool', 'uv', 'index', 0],
      ['tool', 'uv', 'index', 1],
    ]);
    const sources = doc.tables[4];
    expect(sources.entries.map((e) => e.key.parts)).toEqual([
      ['bench-utils'],
      ['model-interface'],
      ['model-qwen2-5-vl'],
      ['torch'],
    ]);
    const bench = sources.entries[0].value;
    expect(bench.type).toBe('inline-table');
    if (bench.type !== 'inline-table') return;
    expect(bench.entries.map((e) => slice(text, e.value))).toEqual([
      '"https://github.com/VLMHyperBenchTeam/bench-utils.git"',
      '"v0.1.2.dev0"',
      '"."',
    ]);
    expect(slice(text, sources.entries[3].value)).toBe(
      '[\n    { index = "pytorch-cu124", extra = "cu124" },\n    { index = "pytorch-cu128", extra = "cu128" },\n]',
    );
  });

  it('decodes quoted and dotted keys', () => {
    const doc = scanToml(fixture('tricky.toml'));
    expect(doc.tables[0].entries.map((e) => e.key.parts)).toEqual([
      ['quoted "key"'],
      ['a', 'b', 'c'],
      ['ml'],
      ['lml'],
      ['arr'],
    ]);
    expect(doc.tables[1].path).toEqual(['tbl', 'sub.key']);
  });

  it('reads multi-line strings, date-times with a space, nested arrays of tables', () => {
    const text = fixture('tricky.toml');
    const doc = scanToml(text);
    const [, abc, ml, lml, arr] = doc.tables[0].entries;
    expect(slice(text, abc.value)).toBe('1979-05-27 07:32:00Z');
    expect(slice(text, ml.value)).toBe('"""\nline "one" \\"""\ntwo""""');
    expect(slice(text, lml.value)).toBe("'''\nx''y'''''");
    expect(arr.value.type === 'array' && arr.value.items.length).toBe(4);
    expect(doc.tables.slice(2).map((t) => t.path)).toEqual([
      ['fruits', 0],
      ['fruits', 0, 'physical'],
      ['fruits', 0, 'varieties', 0],
      ['fruits', 1],
      ['fruits', 1, 'varieties', 0],
      ['fruits', 1, 'physical'],
    ]);
  });

  it('keeps offsets exact with CRLF and a BOM', () => {
    const crlf = fixture('crlf');
    const doc = scanToml(crlf);
    expect(doc.eol).toBe('\r\n');
    const version = doc.tables[1].entries[1];
    expect(slice(crlf, version.value)).toBe('"0.1.2.dev0"');
    const bom = scanToml('\uFEFFa = 1\n');
    expect(bom.tables[0].entries[0].key.start).toBe(1);
  });

  it.each(PYPROJECTS)('scans the %s fixture: every table and key starts where the text says', (name) => {
    const text = fixture(name);
    const doc = scanToml(text);
    for (const table of doc.tables.slice(1)) expect(text[table.start]).toBe('[');
    for (const table of doc.tables) for (const kv of table.entries) expect(text[kv.eq]).toBe('=');
    expect(doc.tables[doc.tables.length - 1].end).toBe(text.length);
  });
});
