import { normalizeDistributionName } from './names';

/** The parts of a PEP 508 requirement string the graph needs. */
export interface Requirement {
  /** Name as written. */
  name: string;
  /** PEP 503-normalised name. */
  normalizedName: string;
  extras: string[];
  /** Direct reference (`name @ <url>`), if any. */
  url?: string;
  /** Version specifier text (`>=0.1,<0.2`), if any. */
  specifier?: string;
  /** Environment marker text (after `;`), if any. */
  marker?: string;
}

const HEAD = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[([^\]]*)\])?\s*/;

/** Parses a PEP 508 requirement; returns undefined for text that does not start with a valid name. */
export function parseRequirement(text: string): Requirement | undefined {
  const head = HEAD.exec(text);
  if (!head) return undefined;
  const name = head[1];
  const extras = (head[2] ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  let rest = text.slice(head[0].length);
  let url: string | undefined;
  let specifier: string | undefined;
  let marker: string | undefined;
  if (rest.startsWith('@')) {
    // `name @ URL ; marker` — the URL ends at whitespace (PEP 508 requires a space before `;`).
    const m = /^@\s*(\S+)\s*(?:;\s*(.*))?$/.exec(rest);
    if (!m) return undefined;
    url = m[1];
    marker = m[2]?.trim() || undefined;
  } else {
    const semi = rest.indexOf(';');
    if (semi >= 0) {
      marker = rest.slice(semi + 1).trim() || undefined;
      rest = rest.slice(0, semi);
    }
    specifier =
      rest
        .trim()
        .replace(/^\((.*)\)$/, '$1')
        .trim() || undefined;
  }
  return { name, normalizedName: normalizeDistributionName(name), extras, url, specifier, marker };
}
