import type { UvIndex } from '../model/pyproject';

/** uv's default index, when no `[[tool.uv.index]]` entry matches the URL it could not fetch. */
const PYPI = 'https://pypi.org/simple';

/**
 * uv could not fetch from a package index (connection refused, DNS, timeout, an HTTP error status):
 * which index of the pyproject that is (by its `[[tool.uv.index]]` name) and how to point it
 * elsewhere for one run — uv replaces a named index by `UV_INDEX=<name>=<url>` / `--index <name>=<url>`
 * (checked with uv 0.13.8), and the default one by `UV_DEFAULT_INDEX`. Undefined for other failures.
 */
export function unreachableIndexClause(
  text: string,
  indexes: readonly UvIndex[],
  pyprojectFile: string,
): string | undefined {
  const fetched = /Failed to fetch: [`']?(\S+?)[`']?\s*$/m.exec(text)?.[1];
  if (!fetched) return undefined;
  const causes = [...text.matchAll(/^\s*(?:cause|Caused by):\s*(.+)$/gm)].map((m) => m[1].trim());
  const status = causes.map((c) => /HTTP status (?:client|server) error \(([^)]+)\)/.exec(c)?.[1]).find(Boolean);
  const network = causes.find((c) =>
    /connection refused|dns error|failed to lookup address|tcp connect|timed out|timeout|no route to host|network is unreachable|connection reset|certificate/i.test(
      c,
    ),
  );
  if (!status && !network) return undefined;
  const why = status ?? (causes[causes.length - 1] ?? network ?? '').replace(/\s*\(os error \d+\)$/, '');
  const index = matchingIndex(fetched, indexes);
  const verb = status ? `answered ${why}` : `could not be reached (${why})`;
  if (index?.name) {
    return `the package index "${index.name}" (${index.url}, [[tool.uv.index]] in ${pyprojectFile}) ${verb}: check the network, proxy or credentials, point it elsewhere for this run with UV_INDEX=${index.name}=<url> (or uv --index ${index.name}=<url>), or change its url in ${pyprojectFile}`;
  }
  if (index) {
    return `the package index ${index.url} ([[tool.uv.index]] in ${pyprojectFile}) ${verb}: check the network, proxy or credentials, or change its url (give it a name = "…" to override it per run with UV_INDEX=<name>=<url>)`;
  }
  const base = fetched.startsWith(PYPI) ? PYPI : fetched.replace(/\/[^/]*\/?$/, '');
  return `the package index ${base} ${verb} while fetching ${fetched}: check the network, proxy or credentials, or use a mirror for this run with UV_DEFAULT_INDEX=<url> (or uv --default-index <url>)`;
}

/** The index whose URL is the longest prefix of `url`. */
function matchingIndex(url: string, indexes: readonly UvIndex[]): UvIndex | undefined {
  const norm = (u: string) => u.replace(/\/+$/, '');
  return [...indexes]
    .filter((i) => url === norm(i.url) || url.startsWith(`${norm(i.url)}/`))
    .sort((a, b) => norm(b.url).length - norm(a.url).length)[0];
}
