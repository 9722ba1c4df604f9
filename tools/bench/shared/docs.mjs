// Writes one benchmark's section of docs/benchmarks.md, leaving every other section as it is.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * Replaces the section that starts with the line `heading` (`## Docker images`) up to `endMarker`
 * (when given and inside the section; hand-written text after it is kept) or to the next `## `
 * heading. No such section: appended at the end.
 */
export function writeDocsSection(file, heading, section, endMarker) {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const esc = heading.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const start = text.search(new RegExp(`^${esc}\\s*$`, 'm'));
  let out;
  if (start < 0) {
    out = `${text.replace(/\n*$/, '\n')}\n${section}`;
  } else {
    const rest = text.slice(start + 1);
    const nextHeading = rest.search(/^## /m);
    const sectionEnd = nextHeading < 0 ? text.length : start + 1 + nextHeading;
    const marker = endMarker ? text.indexOf(endMarker, start) : -1;
    const end = marker >= 0 && marker < sectionEnd ? marker + endMarker.length : sectionEnd;
    const tail = text.slice(end).replace(/^\n+/, '');
    out = `${text.slice(0, start)}${section.replace(/\n*$/, '\n')}${tail ? `\n${tail}` : ''}`;
  }
  writeFileSync(file, out.replace(/\n*$/, '\n'));
}
