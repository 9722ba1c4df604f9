import { isValidDistributionName } from '../../model/names';
import { quoteRefName, refNameProblem } from '../../model/ref-name';

/** One-line checks of generator arguments; each returns the problem, or undefined when fine. */

export function badPackageName(name: string | undefined): string | undefined {
  if (!name) return 'a package name is required';
  return isValidDistributionName(name)
    ? undefined
    : `"${name}" is not a valid Python distribution name (PEP 508: letters, digits, and "-", "_", "." inside)`;
}

/** A tag as git allows it (check-ref-format), without what a shell or a TOML string would trip on. */
export function badTag(tag: string | undefined): string | undefined {
  if (!tag) return 'a tag is required (--tag <tag>)';
  const why = refNameProblem(tag);
  if (why) return `${quoteRefName(tag)} is not a valid tag name: ${why} (git check-ref-format rules)`;
  const ok = /^[A-Za-z0-9][A-Za-z0-9._+\-/]*$/.test(tag);
  return ok
    ? undefined
    : `"${tag}" is not a valid tag name (letters, digits, ".", "_", "+", "-", "/"; no "..", not ending in "." or ".lock")`;
}

/** Environment names: a directory name and an Nx project name. */
export function badEnvironmentName(name: string | undefined): string | undefined {
  if (!name) return 'an environment name is required';
  return /^[a-z][a-z0-9_-]*$/.test(name)
    ? undefined
    : `"${name}" is not a valid environment name (lowercase letters, digits, "-", "_"; starting with a letter)`;
}

/** Backend names are uv extras: `cpu`, `cu126`, `rocm6.2`, `xpu`. */
export function badBackendName(name: string | undefined): string | undefined {
  if (!name) return 'a backend name is required (e.g. cu126)';
  return /^[a-z][a-z0-9]*(\.[0-9]+)*$/.test(name)
    ? undefined
    : `"${name}" is not a valid backend name (a uv extra such as cpu, cu126, rocm6.2: lowercase letters and digits)`;
}
