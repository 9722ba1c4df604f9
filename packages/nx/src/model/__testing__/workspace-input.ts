import { parseGitmodules } from '../gitmodules';
import { normalizeOptions } from '../options';
import { Pyproject, readPyproject } from '../pyproject';
import type { WorkspaceInput } from '../workspace';

/** A playground-shaped workspace as plain files (what the e2e fixture materialises with real git). */
export const files: Record<string, string> = {
  'pyproject.toml': `
[project]
name = "ML-Playground"
version = "0.1.0"
dependencies = ["bench-utils", "model-interface", "model-qwen2-5-vl", "release-tool"]

[tool.uv.workspace]
members = ["packages/*"]
exclude = ["packages/docs-site"]

[tool.uv.sources]
bench-utils = { workspace = true }
model-interface = { workspace = true }
model-qwen2-5-vl = { workspace = true }
release-tool = { path = "tools/release_tool", editable = true }
torch = [{ index = "pytorch-cu124", extra = "cu124" }, { index = "pytorch-cu128", extra = "cu128" }]
`,
  'packages/bench-utils/pyproject.toml': `[project]\nname = "bench_utils"\nversion = "0.1.3.dev0"\n`,
  'packages/model-interface/pyproject.toml': `
[project]
name = "model-interface"
version = "0.1.2"
dependencies = ["bench-utils>=0.1"]
[tool.uv.sources]
bench-utils = { workspace = true }
`,
  'packages/model_qwen2.5-vl/pyproject.toml': `
[project]
name = "model-qwen2_5-vl"
version = "0.1.2.dev0"
dependencies = ["model-interface @ git+ssh://git@github.com/Org/model-interface.git@v0.1.2"]
[dependency-groups]
dev = ["bench-utils", "pytest>=8"]
`,
  'tools/release_tool/pyproject.toml': `[project]\nname = "release-tool"\n`,
  'staging/pyproject.toml': `
[project]
name = "ml-playground"
dependencies = ["model-qwen2-5-vl"]
[tool.uv.sources]
bench-utils      = { git = "https://github.com/Org/bench-utils",           tag = "v0.1.3.dev0", subdirectory = "." }
model-interface  = { git = "https://github.com/org/model-interface.git/",  tag = "v0.1.2.dev0", subdirectory = "." }
model-qwen2-5-vl = { git = "https://github.com/Org/model-qwen2-5-vl.git",  tag = "v0.1.2.dev0", subdirectory = "." }
`,
  'prod/pyproject.toml': `
[project]
name = "ml-playground"
[tool.uv.sources]
bench-utils = { git = "git@github.com:Org/bench-utils.git", tag = "0.1.2" }
`,
};

const gitmodules = `
[submodule "packages/bench-utils"]
  path = packages/bench-utils
  url = https://github.com/Org/bench-utils.git
[submodule "packages/model-interface"]
  path = packages/model-interface
  url = https://github.com/Org/model-interface.git
[submodule "packages/model_qwen2.5-vl"]
  path = packages/model_qwen2.5-vl
  url = https://github.com/Org/model-qwen2-5-vl.git
[submodule "packages/prompt-handler"]
  path = packages/prompt-handler
  url = https://github.com/Org/prompt-handler.git
[submodule "packages/docs-site"]
  path = packages/docs-site
  url = https://github.com/Org/docs-site.git
`;

export function input(overrides: Record<string, string | undefined> = {}): WorkspaceInput {
  const all = { ...files, ...overrides };
  const pyprojects: Pyproject[] = [];
  const errors = [];
  for (const [file, text] of Object.entries(all)) {
    if (text === undefined) continue;
    const r = readPyproject(file, text);
    if (r.ok) pyprojects.push(r.pyproject);
    else errors.push(r.error);
  }
  return {
    pyprojects,
    errors,
    submodules: parseGitmodules(gitmodules),
    dockerfiles: ['docker/Dockerfile-uv'],
    dockerfileStages: { 'docker/Dockerfile-uv': ['base', 'dev', 'prod'] },
    options: normalizeOptions({}),
  };
}
