import { normalizeOptions } from './options';
import { computeEdges } from './edges';
import { buildWorkspaceModel } from './workspace';
import { input } from './__testing__/workspace-input';

describe('computeEdges', () => {
  it('resolves sources, direct references, groups, pins and images', () => {
    const edges = computeEdges(buildWorkspaceModel(input()));
    const text = edges.map((e) => `${e.source} -> ${e.target} (${e.sourceFile})`).sort();
    expect(text).toEqual(
      [
        'dev -> bench-utils (pyproject.toml)',
        'dev -> model-interface (pyproject.toml)',
        'dev -> model-qwen2-5-vl (pyproject.toml)',
        'dev -> release-tool (pyproject.toml)',
        'model-interface -> bench-utils (packages/model-interface/pyproject.toml)',
        'model-qwen2-5-vl -> bench-utils (packages/model_qwen2.5-vl/pyproject.toml)',
        'model-qwen2-5-vl -> model-interface (packages/model_qwen2.5-vl/pyproject.toml)',
        // staging requires model-qwen2-5-vl (through its pin); bench-utils and model-interface are
        // pinned for model-qwen2-5-vl's sake only, and prod requires nothing: no edges (uv installs
        // what is required; nx affected still reaches staging through model-qwen2-5-vl's own edges)
        'staging -> model-qwen2-5-vl (staging/pyproject.toml)',
      ].sort(),
    );
  });

  it('matches git pins by repository URL even when the source key differs from the package name', () => {
    const i = input({
      'prod/pyproject.toml':
        '[project]\nname = "p"\ndependencies = ["qwen"]\n[tool.uv.sources]\nqwen = { git = "git@github.com:Org/model-qwen2-5-vl", tag = "v1" }\n',
    });
    const edges = computeEdges(buildWorkspaceModel(i)).filter((e) => e.source === 'prod');
    expect(edges).toEqual([{ source: 'prod', target: 'model-qwen2-5-vl', sourceFile: 'prod/pyproject.toml' }]);
  });

  it('links an environment to what it requires (dependencies, extras, groups), never to a source alone', () => {
    const i = input({
      'prod/pyproject.toml': [
        '[project]',
        'name = "p"',
        'dependencies = ["bench-utils"]',
        '[project.optional-dependencies]',
        'serve = ["model-interface"]',
        '[tool.uv.sources]',
        'bench-utils = { git = "https://github.com/Org/bench-utils.git", tag = "0.1.2" }',
        'model-interface = { git = "https://github.com/Org/model-interface.git", tag = "0.1.2" }',
        'model-qwen2-5-vl = { git = "https://github.com/Org/model-qwen2-5-vl.git", tag = "0.1.2" }',
      ].join('\n'),
    });
    const targets = computeEdges(buildWorkspaceModel(i))
      .filter((e) => e.source === 'prod')
      .map((e) => e.target)
      .sort();
    expect(targets).toEqual(['bench-utils', 'model-interface']);
  });

  it('a standalone image depends on the dev and prod roles, not on the names', () => {
    const i = input({
      'live/pyproject.toml': '[project]\nname = "ml-live"\n',
      'qa/pyproject.toml': '[project]\nname = "qa"\n',
    });
    i.dockerfiles = ['tools/bench/Dockerfile'];
    i.dockerfileStages = {};
    const image = (options: Parameters<typeof normalizeOptions>[0]) => {
      i.options = normalizeOptions(options);
      const model = buildWorkspaceModel(i);
      const name = model.images[0]?.name;
      return computeEdges(model)
        .filter((e) => e.source === name)
        .map((e) => e.target);
    };
    expect(image({})).toEqual(['dev', 'prod']);
    expect(
      image({
        devEnvironment: 'local',
        environments: ['staging', { name: 'live', path: 'live', role: 'prod' }, 'prod'],
      }),
    ).toEqual(['local', 'live']);
    // no prod by name or role: the last listed environment is prod (as before roles)
    expect(image({ environments: ['staging', 'live', 'qa'] })).toEqual(['dev', 'qa']);
  });

  it('keeps cycles', () => {
    const i = input({
      'packages/bench-utils/pyproject.toml':
        '[project]\nname = "bench-utils"\ndependencies = ["model-interface"]\n[tool.uv.sources]\nmodel-interface = { workspace = true }\n',
    });
    const edges = computeEdges(buildWorkspaceModel(i));
    expect(edges).toContainEqual({
      source: 'bench-utils',
      target: 'model-interface',
      sourceFile: 'packages/bench-utils/pyproject.toml',
    });
    expect(edges).toContainEqual({
      source: 'model-interface',
      target: 'bench-utils',
      sourceFile: 'packages/model-interface/pyproject.toml',
    });
  });

  it('does not link a member requirement without a source (uv would take it from the index)', () => {
    const i = input({
      'packages/bench-utils/pyproject.toml': '[project]\nname = "bench-utils"\ndependencies = ["release-tool"]\n',
    });
    const edges = computeEdges(buildWorkspaceModel(i));
    expect(edges.find((e) => e.source === 'bench-utils')).toBeUndefined();
  });
});
