/**
 * Python distribution name rules.
 * - PEP 508: a valid project name is ASCII letters/digits, with `-`, `_`, `.` inside.
 * - PEP 503: the normalised name is lowercase with every run of `-`, `_`, `.` collapsed to `-`.
 * The normalised name is the Nx project name of a package, so `model-qwen2_5-vl`,
 * `model_qwen2.5-vl` is NOT the same (the `.` in `2.5`): names compare only after normalisation.
 */
const VALID_NAME = /^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$/i;

export function isValidDistributionName(name: string): boolean {
  return VALID_NAME.test(name);
}

export function normalizeDistributionName(name: string): string {
  return name.replace(/[-_.]+/g, '-').toLowerCase();
}

/** The import name a hatchling package of this distribution uses (`model-qwen2-5-vl` → `model_qwen2_5_vl`). */
export function moduleNameOf(name: string): string {
  return normalizeDistributionName(name).replace(/-/g, '_');
}
