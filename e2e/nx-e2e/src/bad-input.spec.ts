/**
 * Bad input: the graph still builds for every other project, each problem is one line naming the
 * file (and line:col for TOML), and no stack trace reaches the user.
 */
import { appendFileSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertSuccess, createPlaygroundWorkspace, describeWithTools, runNx, type PlaygroundWorkspace } from './utils';

const STACK_LINE = /^\s+at .+[:(]\d+:\d+\)?$/m;

async function projects(ws: PlaygroundWorkspace): Promise<{ names: string[]; output: string }> {
  const r = assertSuccess(await runNx(ws.root, ['show', 'projects', '--json']), ws.root);
  return { names: (JSON.parse(r.stdout) as string[]).sort(), output: `${r.stdout}\n${r.stderr}` };
}

describeWithTools(['git'], 'bad input', () => {
  let ws: PlaygroundWorkspace;
  beforeEach(async () => {
    ws = await createPlaygroundWorkspace();
  });

  it('malformed TOML: file:line:col, and every other project is still there', async () => {
    const file = join(ws.root, 'packages', 'model-interface', 'pyproject.toml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^name = "model-interface"$/m, 'name = "model-interface'));
    const { names, output } = await projects(ws);
    expect(names).not.toContain('model-interface');
    expect(names).toEqual(
      expect.arrayContaining(['bench-utils', 'model-qwen2-5-vl', 'release-tool', 'dev', 'staging', 'prod']),
    );
    expect(output).toMatch(/@mlws\/nx: packages\/model-interface\/pyproject\.toml:\d+:\d+: invalid TOML: .+/);
    expect(output).not.toMatch(STACK_LINE);
    // the graph (with its edges) still renders
    assertSuccess(await runNx(ws.root, ['graph', '--file=graph.json']), ws.root);
  });

  it('a member without [project].name', async () => {
    const dir = join(ws.root, 'packages', 'scratch');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'pyproject.toml'), '[project]\nversion = "0.0.1"\n');
    const { names, output } = await projects(ws);
    expect(names).toContain('bench-utils');
    expect(output).toContain(
      '@mlws/nx: packages/scratch/pyproject.toml: [project].name is missing; every uv workspace member needs one (add name = "<distribution-name>" under [project])',
    );
    expect(output).not.toMatch(STACK_LINE);
  });

  it('two members with one normalised name: an error naming both paths', async () => {
    const dir = join(ws.root, 'packages', 'Bench_Utils');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'pyproject.toml'), '[project]\nname = "Bench.Utils"\nversion = "9.9.9"\n');
    const { names, output } = await projects(ws);
    expect(names.filter((n) => n === 'bench-utils')).toHaveLength(1);
    expect(output).toContain(
      'packages/Bench_Utils/pyproject.toml and packages/bench-utils/pyproject.toml both have the name "bench-utils"',
    );
    expect(output).not.toMatch(STACK_LINE);
  });

  it('a submodule moved by hand is named as moved (with where to), not as uninitialised', async () => {
    renameSync(join(ws.root, 'packages', 'model-interface'), join(ws.root, 'packages', 'mi'));
    const { names, output } = await projects(ws);
    expect(names).toContain('bench-utils');
    expect(output).toContain(
      'packages/model-interface is a submodule in .gitmodules, but its directory was moved by hand to packages/mi',
    );
    expect(output).toContain('mv packages/mi packages/model-interface');
    expect(output).not.toContain('git submodule update --init packages/model-interface');
    expect(output).not.toMatch(STACK_LINE);
    // the first half of the fix: moved back, the member is whole again
    renameSync(join(ws.root, 'packages', 'mi'), join(ws.root, 'packages', 'model-interface'));
    const after = await projects(ws);
    expect(after.names).toContain('model-interface');
    expect(after.output).not.toContain('moved by hand');
  });

  it('a dependency cycle keeps both edges and nx graph works', async () => {
    const file = join(ws.root, 'packages', 'bench-utils', 'pyproject.toml');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace(/^dependencies = \[/m, 'dependencies = [\n    "model-interface",'));
    appendFileSync(file, '\n[tool.uv.sources]\nmodel-interface = { workspace = true }\n');
    assertSuccess(await runNx(ws.root, ['graph', '--file=graph.json']), ws.root);
    const g = JSON.parse(readFileSync(join(ws.root, 'graph.json'), 'utf8'));
    const targets = (p: string) => (g.graph.dependencies[p] as Array<{ target: string }>).map((d) => d.target);
    expect(targets('bench-utils')).toContain('model-interface');
    expect(targets('model-interface')).toContain('bench-utils');
  });
});
