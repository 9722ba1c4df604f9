import { chooseBackend, cudaOf, declaredBackends, offeredBackends, parseNvidiaSmiCuda } from './backend';

const cudaVersions = { cpu: null, cu124: '12.4.1', cu128: '12.8.1' };
const base = { declared: ['cpu', 'cu124', 'cu128'], cudaVersions, environment: 'dev (pyproject.toml)' };

describe('chooseBackend', () => {
  it('prefers --backend, then MLWS_TORCH_BACKEND, then the option', () => {
    expect(chooseBackend({ ...base, cli: 'cu128', env: 'cpu', option: 'cu124' })).toEqual({
      ok: true,
      backend: 'cu128',
    });
    expect(chooseBackend({ ...base, env: 'cpu', option: 'cu124' })).toEqual({ ok: true, backend: 'cpu' });
    expect(chooseBackend({ ...base, option: 'cu124' })).toEqual({ ok: true, backend: 'cu124' });
  });

  it('explains a missing backend, listing the declared ones', () => {
    expect(chooseBackend(base)).toEqual({
      ok: false,
      message:
        'no PyTorch backend chosen for dev (pyproject.toml), which declares cpu, cu124, cu128: pass --backend <name>, set MLWS_TORCH_BACKEND, or set "defaultBackend" in the @mlws/nx plugin options in nx.json',
    });
  });

  it('explains an unknown backend and where it came from', () => {
    const r = chooseBackend({ ...base, env: 'cu126' });
    expect(r).toEqual({
      ok: false,
      message:
        'unknown PyTorch backend "cu126" (from MLWS_TORCH_BACKEND) for dev (pyproject.toml), which declares cpu, cu124, cu128: choose one of those, or add it with nx g @mlws/nx:backend cu126',
    });
  });

  it('needs no backend where none is declared', () => {
    expect(chooseBackend({ ...base, declared: [], option: 'cu124' })).toEqual({ ok: true });
    expect(chooseBackend({ ...base, declared: [], cli: 'cu124' }).ok).toBe(false);
  });

  it.each([
    ['12.8', 'cu128'],
    ['12.6', 'cu124'],
    ['12.4', 'cu124'],
    ['11.8', 'cpu'],
    [undefined, 'cpu'],
  ])('auto with driver CUDA %s picks %s', (detected, backend) => {
    const r = chooseBackend({ ...base, cli: 'auto', detectedCuda: detected });
    expect(r.ok && r.backend).toBe(backend);
    expect(r.ok && r.note).toMatch(/^backend auto: /);
  });

  it('auto without a fitting backend and without cpu is an error', () => {
    const r = chooseBackend({ ...base, declared: ['cu128'], cli: 'auto', detectedCuda: '12.4' });
    expect(r.ok).toBe(false);
  });
});

describe('backend helpers', () => {
  it('finds backend extras among the extras', () => {
    expect(declaredBackends(['dev', 'cpu', 'cu124', 'cu126', 'docs', 'rocm6.2'], cudaVersions)).toEqual([
      'cpu',
      'cu124',
      'cu126',
      'rocm6.2',
    ]);
  });
  it('derives CUDA versions', () => {
    expect(cudaOf('cu124', cudaVersions)).toBe('12.4.1');
    expect(cudaOf('cu126', cudaVersions)).toBe('12.6');
    expect(cudaOf('cpu', cudaVersions)).toBeUndefined();
  });
  it('reads the CUDA version from nvidia-smi', () => {
    expect(parseNvidiaSmiCuda('| NVIDIA-SMI 550.54.14    Driver Version: 550.54.14    CUDA Version: 12.4     |')).toBe(
      '12.4',
    );
    expect(parseNvidiaSmiCuda('')).toBeUndefined();
  });
});

describe('offeredBackends', () => {
  it('is what the root declares, with the configured CUDA versions: no cpu when the root declares only CUDA extras', () => {
    expect(offeredBackends(['cu124', 'cu128', 'dev'], cudaVersions)).toEqual({ cu124: '12.4.1', cu128: '12.8.1' });
  });
  it('falls back to the plugin backends only when the root declares none', () => {
    expect(offeredBackends(['dev', 'docs'], cudaVersions)).toEqual(cudaVersions);
    expect(offeredBackends(undefined, cudaVersions)).toEqual(cudaVersions);
  });
});
