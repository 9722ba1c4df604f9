import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gitSourcesOf, pinInEnvironment } from './pin-source';

const fixture = (name: string) => readFileSync(join(__dirname, '../toml/__fixtures__', name), 'utf8');
const changedLines = (a: string, b: string) => {
  const x = a.split('\n');
  const y = b.split('\n');
  return y.filter((l, i) => x[i] !== l);
};

describe('pinInEnvironment', () => {
  const staging = fixture('staging.pyproject.toml');
  const url = 'https://github.com/VLMHyperBenchTeam/bench-utils.git';

  it('changes one token of a column-aligned source (same repository spelled differently keeps its spelling)', () => {
    const r = pinInEnvironment(staging, 'staging/pyproject.toml', {
      name: 'bench-utils',
      url: 'git@github.com:VLMHyperBenchTeam/bench-utils',
      tag: 'v0.1.3.dev0',
    });
    if (!r.ok) throw new Error(r.message);
    expect(changedLines(staging, r.edit.text)).toEqual([
      'bench-utils      = { git = "https://github.com/VLMHyperBenchTeam/bench-utils.git",      tag = "v0.1.3.dev0", subdirectory = "." }',
    ]);
    expect(r.edit).toMatchObject({
      url,
      before: { key: 'bench-utils', url, tag: 'v0.1.2.dev0' },
      addedRequirement: false,
    });
  });

  it('writes the new URL when the source named another repository', () => {
    const r = pinInEnvironment(staging, 'f', {
      name: 'bench-utils',
      url: 'https://github.com/other/bench-utils.git',
      tag: 'v1',
    });
    if (!r.ok) throw new Error(r.message);
    expect(changedLines(staging, r.edit.text)).toEqual([
      'bench-utils      = { git = "https://github.com/other/bench-utils.git",      tag = "v1", subdirectory = "." }',
    ]);
  });

  it('adds the source after the last one and the requirement at the end of the multi-line array', () => {
    const r = pinInEnvironment(staging, 'f', {
      name: 'prompt-handler',
      url: 'https://github.com/x/prompt-handler.git',
      tag: 'v0.1.0',
    });
    if (!r.ok) throw new Error(r.message);
    expect(r.edit.text).toContain('    "model-qwen2-5-vl",\n    "prompt-handler",\n]');
    expect(r.edit.text).toContain(
      ']\nprompt-handler = { git = "https://github.com/x/prompt-handler.git", tag = "v0.1.0", subdirectory = "." }\n',
    );
    expect(r.edit.addedRequirement).toBe(true);
  });

  it('writes a plain-path or scp-like remote as the URL uv reads, and repairs an existing plain-path pin', () => {
    const text =
      '[project]\nname = "e"\ndependencies = ["a"]\n\n[tool.uv.sources]\na = { git = "/srv/git/a.git", tag = "0.1.0" }\n';
    let r = pinInEnvironment(text, 'f', { name: 'a', url: '/srv/git/a.git', tag: '0.1.1' });
    if (!r.ok) throw new Error(r.message);
    expect(r.edit.text).toContain('a = { git = "file:///srv/git/a.git", tag = "0.1.1" }');
    r = pinInEnvironment(text, 'f', { name: 'b', url: 'git@example.com:org/b.git', tag: 'v1' });
    if (!r.ok) throw new Error(r.message);
    expect(r.edit.text).toContain('b = { git = "ssh://git@example.com/org/b.git", tag = "v1", subdirectory = "." }');
  });

  it('turns a rev or path source into a tag pin', () => {
    const text =
      '[project]\nname = "e"\ndependencies = ["a", "b"]\n\n[tool.uv.sources]\na = { git = "https://h/a.git", rev = "abc123" }\nb = { path = "../b", editable = true }\n';
    let r = pinInEnvironment(text, 'f', { name: 'a', url: 'https://h/a.git', tag: 'v1' });
    if (!r.ok) throw new Error(r.message);
    r = pinInEnvironment(r.edit.text, 'f', { name: 'b', url: 'https://h/b.git', tag: 'v2' });
    if (!r.ok) throw new Error(r.message);
    expect(r.edit.text).toBe(
      '[project]\nname = "e"\ndependencies = ["a", "b"]\n\n[tool.uv.sources]\na = { git = "https://h/a.git", tag = "v1" }\nb = { git = "https://h/b.git", tag = "v2", subdirectory = "." }\n',
    );
  });

  it('refuses a source split by extras, and malformed TOML, in one line', () => {
    const split = '[tool.uv.sources]\na = [{ git = "https://h/a.git", extra = "x" }, { path = "a", extra = "y" }]\n';
    expect(pinInEnvironment(split, 'prod/pyproject.toml', { name: 'a', url: 'https://h/a.git', tag: 'v1' })).toEqual({
      ok: false,
      message:
        'prod/pyproject.toml: [tool.uv.sources].a is not a single table (several entries by extra or marker?): pin writes one git source, edit it by hand',
    });
    const bad = pinInEnvironment('a = [', 'x.toml', { name: 'a', url: 'u', tag: 't' });
    expect(bad.ok).toBe(false);
  });

  it('lists git sources with their tags', () => {
    expect(gitSourcesOf(staging).map((s) => [s.name, s.tag])).toEqual([
      ['bench-utils', 'v0.1.2.dev0'],
      ['model-interface', 'v0.1.2.dev0'],
      ['model-qwen2-5-vl', 'v0.1.2.dev0'],
    ]);
  });
});
