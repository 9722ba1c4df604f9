import { parseTomlDocument } from './toml-document';

describe('parseTomlDocument', () => {
  it('gives the data of a valid document', () => {
    expect(parseTomlDocument('[project]\nname = "a"\n', 'pyproject.toml')).toEqual({
      ok: true,
      doc: { project: { name: 'a' } },
    });
  });

  it('says in one line which file is not valid TOML and why', () => {
    const r = parseTomlDocument('[project\nname = "a"\n', 'staging/pyproject.toml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.message).toMatch(/^staging\/pyproject\.toml is not valid TOML \(.+\): fix it first$/);
    expect(r.message).not.toContain('\n');
  });
});
