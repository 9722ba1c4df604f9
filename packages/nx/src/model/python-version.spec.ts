import { pythonPinDrift, readPythonPin } from './python-version';

describe('python pin', () => {
  it.each([
    ['3.11\n', '3.11'],
    ['# comment\n3.11.7\n', '3.11.7'],
    ['cpython-3.12.1-linux-x86_64-gnu\n', '3.12.1'],
    ['\n', undefined],
  ])('reads %j', (text, pin) => expect(readPythonPin(text)).toBe(pin));

  it.each([
    ['3.11', '>=3.10', undefined],
    ['3.11', '>=3.10,<3.13', undefined],
    ['3.11.7', '==3.11.*', undefined],
    ['3.11', '>=3.11.4', undefined],
  ])('%s fits %s', (pin, spec, result) => expect(pythonPinDrift(pin, spec, 'pyproject.toml')).toBe(result));

  it('says what drifted and how to fix it', () => {
    expect(pythonPinDrift('3.9', '>=3.10', 'staging/pyproject.toml')).toBe(
      '.python-version pins Python 3.9, outside requires-python ">=3.10" of staging/pyproject.toml: pin a fitting one with uv python pin <version>, or widen requires-python',
    );
  });

  it('stays quiet when either side is missing', () => {
    expect(pythonPinDrift(undefined, '>=3.10', 'p')).toBeUndefined();
    expect(pythonPinDrift('3.11', undefined, 'p')).toBeUndefined();
  });
});
