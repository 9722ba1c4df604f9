/**
 * The CUDA version a backend's Docker base image uses (`nvidia/cuda:<version>-…`): the latest
 * patch release of that CUDA line with published images. Unknown lines get `.0`.
 */
const KNOWN: Record<string, string> = {
  '11.8': '11.8.0',
  '12.1': '12.1.1',
  '12.4': '12.4.1',
  '12.6': '12.6.3',
  '12.8': '12.8.1',
  '12.9': '12.9.1',
  '13.0': '13.0.1',
};

/** `cu126` → `12.6.3`, `cu118` → `11.8.0`, `cpu`/`rocm6.2`/other → null (no CUDA). */
export function defaultCudaVersion(backend: string): string | null {
  const m = /^cu(\d{2})(\d)$/.exec(backend);
  if (!m) return null;
  const line = `${Number(m[1])}.${Number(m[2])}`;
  return KNOWN[line] ?? `${line}.0`;
}

export function badCudaVersion(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  return /^\d{1,2}\.\d{1,2}(\.\d{1,3})?$/.test(v)
    ? undefined
    : `--cuda-version ${v} is not a CUDA version (e.g. 12.6.3)`;
}
