/**
 * The main job stays working: `npm run demo` (tools/demo) end to end, in a temp dir, with the
 * plugin this run's globalSetup published (MLWS_DEMO_REGISTRY), so it is not built twice. The demo
 * checks every step itself and exits 1 when one fails; this suite also checks the report's key
 * facts in <dir>/demo-report.json, and that it starts clean in a directory an earlier run left.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describeWithTools, REPO_ROOT, run, tmpDir, uvCommand } from './utils';

interface DemoReport {
  ok: boolean;
  steps: Array<{ title: string; ok: boolean; seconds: number; note?: string }>;
  facts: {
    projects?: string[];
    edges?: string[];
    torch?: string;
    releases?: string[];
    stagingPin?: string;
    stagingVersion?: string;
    affectedTasks?: string[];
    image?: string[];
    docker?: string;
  };
}

async function runDemo(dir: string) {
  const uv = uvCommand();
  return run('node', ['-r', './tools/setup/ts-register.cjs', 'tools/demo/demo.ts', dir], {
    cwd: REPO_ROOT,
    env: {
      MLWS_DEMO_REGISTRY: process.env['MLWS_E2E_REGISTRY'],
      MLWS_DEMO_NPMRC: process.env['MLWS_E2E_NPMRC'],
      UV: uv,
      PATH: uv.includes('/') ? `${dirname(uv)}:${process.env['PATH']}` : process.env['PATH'],
      NX_DAEMON: 'false',
      NX_NO_CLOUD: 'true',
      NX_TUI: 'false',
    },
    timeoutMs: 12 * 60 * 1000,
  });
}

describeWithTools(['git', 'uv'], 'demo (npm run demo)', () => {
  jest.setTimeout(15 * 60 * 1000);

  it('runs every step and reports the key facts, starting clean where an earlier run was', async () => {
    const dir = tmpDir('demo');
    writeFileSync(join(dir, '.mlws-demo'), 'an earlier run\n');
    writeFileSync(join(dir, 'left-by-an-earlier-run.txt'), '');
    const r = await runDemo(dir);
    process.stdout.write(`\n[demo] exit ${r.code}\n${r.stdout.slice(r.stdout.indexOf('Demo report'))}\n`);
    if (r.code !== 0) throw new Error(`the demo failed:\n${r.stdout.slice(-4000)}\n${r.stderr.slice(-4000)}`);
    expect(existsSync(join(dir, 'left-by-an-earlier-run.txt'))).toBe(false);
    const report = JSON.parse(readFileSync(join(dir, 'demo-report.json'), 'utf8')) as DemoReport;
    expect(report.ok).toBe(true);
    expect(report.steps.filter((s) => !s.ok)).toEqual([]);
    expect(report.facts.projects).toEqual(['dev', 'ml-core', 'ml-data', 'ml-train', 'prod', 'staging']);
    expect(report.facts.edges).toHaveLength(6);
    expect(report.facts.torch).toBe('2.5.1+cpu');
    expect(report.facts.releases).toEqual([
      'git/ml-core v0.1.0.dev1 (pre-release)',
      'git/ml-core v0.1.0.dev2 (pre-release)',
    ]);
    expect(report.facts.stagingPin).toBe('v0.1.0.dev2');
    // Nx 24 task-level affected through the ml-core submodule
    expect(report.facts.affectedTasks).toEqual(
      expect.arrayContaining(['ml-core:build', 'ml-core:test', 'ml-data:test', 'ml-train:test', 'dev:docker-build']),
    );
    expect(report.facts.affectedTasks?.filter((t) => /^(staging|prod):/.test(t))).toEqual([]);
    expect(report.facts.stagingVersion).toBe('0.1.0.dev2');
    if (report.facts.docker === undefined) expect(report.facts.image).toContain('ml-demo:dev-cpu');
    expect(existsSync(join(dir, 'ml-demo', 'dist', 'graph.json'))).toBe(true);
  });

  it('refuses a directory it did not make', async () => {
    const dir = tmpDir('demo-foreign');
    writeFileSync(join(dir, 'precious.txt'), 'mine');
    const r = await runDemo(dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${dir} is not empty and was not made by the demo (no .mlws-demo in it)`);
    expect(readFileSync(join(dir, 'precious.txt'), 'utf8')).toBe('mine');
  });
});
