import { invalidUtf8At, notUtf8Message } from './utf8';

describe('UTF-8 check of TOML files', () => {
  it('accepts UTF-8, a BOM and U+FFFD written as UTF-8', () => {
    expect(invalidUtf8At(Buffer.from('\ufeff# café ✓ \ufffd\nname = "a"\n', 'utf8'))).toBeUndefined();
  });

  it('names the line and byte of Latin-1 text, a lone continuation byte and a cut sequence', () => {
    expect(
      invalidUtf8At(Buffer.concat([Buffer.from('[project]\n# caf'), Buffer.from([0xe9]), Buffer.from('\n')])),
    ).toEqual({ offset: 15, line: 2, byte: 0xe9 });
    expect(invalidUtf8At(Buffer.from([0x61, 0x0a, 0x0a, 0x80]))?.line).toBe(3);
    expect(invalidUtf8At(Buffer.from([0x23, 0xe2, 0x9c]))?.byte).toBe(0xe2);
  });

  it('says in one line which file, where, that uv refuses it too, and how to convert it', () => {
    const m = notUtf8Message('staging/pyproject.toml', Buffer.from([0x23, 0x20, 0xff, 0x0a])) ?? '';
    expect(m).toMatch(
      /^staging\/pyproject\.toml is not UTF-8 \(byte 0xff on line 1\), and uv refuses such a file too: convert it to UTF-8 \(e\.g\. iconv/,
    );
    expect(m).not.toContain('\n');
  });
});
