import { addWorkspaceDependency, dropPackageReferences, ensureWorkspaceSource, retargetPaths } from './pyproject-edits';

describe('pyproject edits of the submodule generators', () => {
  it('adds a member: dependency and { workspace = true } source, each only if missing', () => {
    const text = '[project]\nname = "ml"\ndependencies = [\n    "bench-utils",\n]\n';
    const once = addWorkspaceDependency(text, 'Model_Qwen');
    expect(once).toBe(
      '[project]\nname = "ml"\ndependencies = [\n    "bench-utils",\n    "model-qwen",\n]\n\n[tool.uv.sources]\nmodel-qwen = { workspace = true }\n',
    );
    expect(addWorkspaceDependency(once, 'model.qwen')).toBe(once);
    expect(addWorkspaceDependency('[project]\nname = "ml"\n', 'x')).toBe(
      '[project]\nname = "ml"\ndependencies = ["x"]\n\n[tool.uv.sources]\nx = { workspace = true }\n',
    );
  });

  it('ensures a source without touching one that exists in another spelling', () => {
    const text = '[tool.uv.sources]\nBench_Utils = { path = "packages/bench" }\n';
    expect(ensureWorkspaceSource(text, 'bench-utils')).toBe(text);
    expect(ensureWorkspaceSource(text, 'other')).toBe(`${text}other = { workspace = true }\n`);
  });

  it('drops every reference to a package, keeping comments and layout', () => {
    const text = [
      '[project]',
      'name = "staging"',
      'dependencies = [',
      '    "model-a",',
      '    "Model_B>=0.1; python_version >= \'3.10\'",  # pinned below',
      ']',
      '',
      '[project.optional-dependencies]',
      'extra = ["model-b[cli]", "numpy"]',
      '',
      '[dependency-groups]',
      'dev = ["pytest", { include-group = "lint" }, "model.b"]',
      'lint = ["ruff"]',
      '',
      '[tool.uv]',
      'override-dependencies = ["model-b"]',
      '',
      '[tool.uv.workspace]',
      'members = ["packages/model-a", "packages/model-b"]',
      '',
      '[tool.uv.sources]',
      'model-a = { git = "https://x/model-a", tag = "v1" }',
      'model_b = { git = "https://x/model-b", tag = "v1" }',
      '',
    ].join('\n');
    expect(dropPackageReferences(text, 'model-b', 'packages/model-b')).toBe(
      [
        '[project]',
        'name = "staging"',
        'dependencies = [',
        '    "model-a",',
        ']',
        '',
        '[project.optional-dependencies]',
        'extra = ["numpy"]',
        '',
        '[dependency-groups]',
        'dev = ["pytest", { include-group = "lint" }]',
        'lint = ["ruff"]',
        '',
        '[tool.uv]',
        'override-dependencies = []',
        '',
        '[tool.uv.workspace]',
        'members = ["packages/model-a"]',
        '',
        '[tool.uv.sources]',
        'model-a = { git = "https://x/model-a", tag = "v1" }',
        '',
      ].join('\n'),
    );
    expect(dropPackageReferences(text, 'model-c')).toBe(text);
  });

  it('retargets path sources and members entries after a move', () => {
    const root = [
      '[tool.uv.workspace]',
      'members = ["packages/*", "tools/rt"]',
      '[tool.uv.sources]',
      'rt    = { path = "./tools/rt", editable = true }',
      'other = { path = "tools/other" }',
      'split = [{ path = "tools/rt/sub", marker = "sys_platform == \'linux\'" }, { index = "x" }]',
      '',
    ].join('\n');
    expect(retargetPaths(root, 'pyproject.toml', 'tools/rt', 'tools/release-tool')).toBe(
      [
        '[tool.uv.workspace]',
        'members = ["packages/*", "tools/release-tool"]',
        '[tool.uv.sources]',
        'rt    = { path = "./tools/release-tool", editable = true }',
        'other = { path = "tools/other" }',
        'split = [{ path = "tools/release-tool/sub", marker = "sys_platform == \'linux\'" }, { index = "x" }]',
        '',
      ].join('\n'),
    );
    // the moved package's own relative paths are recomputed from its new place
    const own = '[tool.uv.sources]\nhelper = { path = "../../tools/helper" }\nvendored = { path = "./vendor/z" }\n';
    expect(retargetPaths(own, 'packages/a/pyproject.toml', 'packages/a', 'libs/ml/a', 'libs/ml/a/pyproject.toml')).toBe(
      '[tool.uv.sources]\nhelper = { path = "../../../tools/helper" }\nvendored = { path = "./vendor/z" }\n',
    );
    // a sibling that points at the moved package
    const sibling = '[tool.uv.sources]\na = { path = "../a" }\n';
    expect(retargetPaths(sibling, 'packages/b/pyproject.toml', 'packages/a', 'libs/a')).toBe(
      '[tool.uv.sources]\na = { path = "../../libs/a" }\n',
    );
  });
});
