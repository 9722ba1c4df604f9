import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { firstReport, nxHostPid, REPEAT_MS } from './reported-once';

describe('problems printed once per Nx command', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'mlws-once-'));
    process.env.NX_WORKSPACE_DATA_DIRECTORY = join(root, '.nx', 'workspace-data');
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
    delete process.env.NX_WORKSPACE_DATA_DIRECTORY;
  });

  it('says nothing when the same Nx process asks again for the same lines (nx sync --check computes the graph in two workers)', () => {
    expect(firstReport(root, ['warn a'], 1000, 42)).toBe(true);
    expect(firstReport(root, ['warn a'], 2000, 42)).toBe(false);
    // another command (another Nx process), other lines, or later: printed
    expect(firstReport(root, ['warn a'], 3000, 43)).toBe(true);
    expect(firstReport(root, ['warn b'], 3000, 43)).toBe(true);
    expect(firstReport(root, ['warn b'], 3000 + REPEAT_MS, 43)).toBe(true);
  });

  it("takes a plugin worker's parent as the Nx process, else itself", () => {
    expect(nxHostPid(['node', '/x/nx/dist/src/project-graph/plugins/isolation/plugin-worker.js'])).toBe(process.ppid);
    expect(nxHostPid(['node', '/x/nx/bin/nx.js'])).toBe(process.pid);
  });
});
