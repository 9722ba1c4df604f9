import { satisfies } from '@renovatebot/pep440';

/** The version in `.python-version` (`3.11`, `3.11.7`, `cpython-3.11.7-linux…` → `3.11.7`); first non-comment line. */
export function readPythonPin(text: string): string | undefined {
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    return /(\d+\.\d+(?:\.\d+)?)/.exec(line)?.[1];
  }
  return undefined;
}

/**
 * Python version drift (`.python-version` outside `requires-python`) said before uv fails on it.
 * Returns the one-line message, or undefined when the pin fits (or either side is absent).
 */
export function pythonPinDrift(
  pin: string | undefined,
  requiresPython: string | undefined,
  pyprojectFile: string,
): string | undefined {
  if (!pin || !requiresPython) return undefined;
  // `3.11` pins a minor series: it fits when some 3.11.x does; check .0 and a high patch
  const candidates = pin.split('.').length === 2 ? [`${pin}.0`, `${pin}.99`] : [pin];
  let fits = false;
  try {
    fits = candidates.some((v) => satisfies(v, requiresPython));
  } catch {
    return undefined; // a specifier we cannot read: let uv judge it
  }
  if (fits) return undefined;
  return `.python-version pins Python ${pin}, outside requires-python "${requiresPython}" of ${pyprojectFile}: pin a fitting one with uv python pin <version>, or widen requires-python`;
}
