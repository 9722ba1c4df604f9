import { declaredBackends } from '../../model/backend';
import { isTable } from '../../model/uv-source';
import { parseToml } from '../../vendor/smol-toml';
import { tableAt } from '../../uv/pin-source';

/** The real PyTorch wheel indexes: `<base>/<backend>` (https://download.pytorch.org/whl/cu124). */
export const PYTORCH_INDEX_BASE = 'https://download.pytorch.org/whl';
export const DEFAULT_TORCH_REQUIREMENT = 'torch>=2.5';

/** One PyTorch backend as a pyproject declares it: an extra, its torch index, its conflict. */
export interface BackendSpec {
  /** The extra (`cu124`). */
  name: string;
  /** The extra's requirements (`["torch>=2.5"]`). */
  requirements: string[];
  /** The `[[tool.uv.index]]` its torch source points at. */
  index?: { name: string; url: string; format?: string };
}

export const indexNameOf = (backend: string) => `pytorch-${backend}`;
export const indexUrlOf = (base: string, backend: string) => `${base.replace(/\/+$/, '')}/${backend}`;

/** The default backends of a new workspace, with their indexes under `base`. */
export function defaultBackendSpecs(names: readonly string[], base: string): BackendSpec[] {
  return names.map((name) => ({
    name,
    requirements: [DEFAULT_TORCH_REQUIREMENT],
    index: { name: indexNameOf(name), url: indexUrlOf(base, name) },
  }));
}

/**
 * The backends a pyproject declares (extras named like backends or listed in the `backends`
 * option), with the index each one's torch source routes to. Pure; `[]` for unreadable text.
 */
export function readBackendSetup(text: string, cudaVersions: Readonly<Record<string, string | null>>): BackendSpec[] {
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text) as Record<string, unknown>;
  } catch {
    return [];
  }
  const extras = tableAt(doc, ['project', 'optional-dependencies']);
  const torch = tableAt(doc, ['tool', 'uv', 'sources']).torch;
  const routes = (Array.isArray(torch) ? torch : [torch]).filter(isTable);
  const uv = tableAt(doc, ['tool', 'uv']);
  const indexes = (Array.isArray(uv.index) ? uv.index : []).filter(isTable);
  return declaredBackends(Object.keys(extras), cudaVersions).map((name) => {
    const reqs = extras[name];
    const route = routes.find((r) => r.extra === name && typeof r.index === 'string');
    const idx = route ? indexes.find((i) => i.name === route.index && typeof i.url === 'string') : undefined;
    return {
      name,
      requirements: Array.isArray(reqs) ? reqs.filter((r): r is string => typeof r === 'string') : [],
      ...(idx
        ? {
            index: {
              name: String(idx.name),
              url: String(idx.url),
              ...(typeof idx.format === 'string' ? { format: idx.format } : {}),
            },
          }
        : {}),
    };
  });
}

/** The base URL the existing PyTorch indexes share (`<base>/<backend>`), if they all do. */
export function commonIndexBase(specs: readonly BackendSpec[]): string | undefined {
  const bases = new Set<string | undefined>();
  for (const s of specs) {
    if (!s.index) continue;
    const url = s.index.url.replace(/\/+$/, '');
    bases.add(url.endsWith(`/${s.name}`) ? url.slice(0, -(s.name.length + 1)) : undefined);
  }
  const [only] = [...bases];
  return bases.size === 1 ? only : undefined;
}
