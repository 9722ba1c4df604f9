/** `a string`, `an integer`, `a float`, `a boolean`, `a date-time`: what a scalar's source text holds. */
export function scalarKind(raw: string): string {
  if (raw.startsWith('"') || raw.startsWith("'")) return 'a string';
  if (raw === 'true' || raw === 'false') return 'a boolean';
  if (/^\d{4}-\d{2}-\d{2}|^\d{2}:\d{2}/.test(raw)) return 'a date-time';
  if (/^[+-]?(inf|nan)$/.test(raw) || (!/^[+-]?0[xob]/.test(raw) && /[.eE]/.test(raw))) return 'a float';
  return 'an integer';
}
