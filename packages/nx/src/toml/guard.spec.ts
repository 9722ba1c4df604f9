import { TomlEditError } from './errors';
import { guardedEdit } from './guard';

describe('guardedEdit', () => {
  const same = (data: Record<string, unknown>): Record<string, unknown> => data;

  it('refuses an edit whose output is not TOML', () => {
    expect(() => guardedEdit('a = 1\n', 'set', ['a'], () => 'a = \n', same)).toThrow(TomlEditError);
    expect(() => guardedEdit('a = 1\n', 'set', ['a'], () => 'a = \n', same)).toThrow(
      /^cannot set a: the edit would make the document invalid \(.+\)$/,
    );
  });

  it('refuses an edit that changes more than intended', () => {
    expect(() =>
      guardedEdit(
        'a = 1\nb = 1\n',
        'set',
        ['a'],
        () => 'a = 2\nb = 2\n',
        (d) => ({ ...d, a: 2 }),
      ),
    ).toThrow(new TomlEditError('cannot set a: the edit would change more than a'));
  });

  it('keeps the final newline state of the input', () => {
    expect(
      guardedEdit(
        'a = 1',
        'set',
        ['a'],
        () => 'a = 2\n',
        () => ({ a: 2 }),
      ),
    ).toBe('a = 2');
    expect(
      guardedEdit(
        'a = 1\r\n',
        'set',
        ['a'],
        () => 'a = 2',
        () => ({ a: 2 }),
      ),
    ).toBe('a = 2\r\n');
  });
});
