import type { NxJsonConfiguration, ProjectConfiguration } from '@nx/devkit';
import type { EnvironmentNode, ImageNode, PackageNode, WorkspaceModel } from '../model/workspace';
import { offeredBackends } from '../model/backend';
import type { NormalizedOptions } from '../model/options';
import { imageTargets } from './docker-targets';
import { addGitlinkInputs } from './gitlink-inputs';
import { environmentTargets, packageTargets, PYTHON_SOURCES, PYTHON_SOURCES_INPUT } from './targets';

/** What the plugin records about a project in `metadata.mlws` (also read back by createDependencies). */
export type MlwsProjectMetadata =
  | {
      kind: 'package';
      file: string;
      distribution: string;
      version?: string;
      submodule?: { path: string; url: string };
      origin: 'member' | 'path';
    }
  | { kind: 'environment'; file: string; environment: string }
  | { kind: 'image'; file: string };

export type InferredProject = Omit<ProjectConfiguration, 'root'> & { root: string };

/**
 * The Nx projects of a workspace model, keyed by root. `workspaceNamedInputs` are nx.json's named
 * inputs: projects get their own copy of those that reach into a submodule, with the gitlink
 * (see gitlink-inputs.ts). Pure.
 */
export function projectsFromModel(
  model: WorkspaceModel,
  pluginOptions: NormalizedOptions,
  workspaceNamedInputs?: NxJsonConfiguration['namedInputs'],
): Record<string, InferredProject> {
  // targets offer the backends the root declares (its extras), the plugin's defaults only without any
  const options = { ...pluginOptions, backends: offeredBackends(model.root?.extras, pluginOptions.backends) };
  const projects: Record<string, InferredProject> = {};
  for (const p of model.packages)
    projects[p.root] = { ...packageProject(p), targets: packageTargets(p, model, options) };
  for (const e of model.environments)
    projects[e.root] = { ...environmentProject(e), targets: environmentTargets(e, model, options) };
  for (const i of model.images) {
    if (i.packageName) {
      const owner = projects[i.root];
      const pkg = model.packages.find((p) => p.name === i.packageName);
      if (!owner || !pkg) continue;
      addImage(owner, imageTargets(i, { kind: 'package', pkg }, model, options));
    } else if (i.environments.length) {
      for (const envName of i.environments) {
        const env = model.environments.find((e) => e.name === envName);
        const owner = env && projects[env.root];
        if (env && owner) addImage(owner, imageTargets(i, { kind: 'environment', env }, model, options));
      }
    } else {
      projects[i.root] = { ...imageProject(i), targets: imageTargets(i, { kind: 'standalone' }, model, options) };
    }
  }
  addGitlinkInputs(
    projects,
    model.submodules.map((s) => s.path),
    workspaceNamedInputs,
  );
  return projects;
}

function addImage(owner: InferredProject, targets: InferredProject['targets']): void {
  owner.targets = { ...owner.targets, ...targets };
  owner.tags = [...new Set([...(owner.tags ?? []), 'docker:image'])];
  owner.metadata = {
    ...owner.metadata,
    technologies: [...new Set([...(owner.metadata?.technologies ?? []), 'docker'])],
  };
}

function packageProject(p: PackageNode): InferredProject {
  const mlws: MlwsProjectMetadata = {
    kind: 'package',
    file: p.pyproject.file,
    distribution: p.pyproject.name ?? p.name,
    ...(p.pyproject.version ? { version: p.pyproject.version } : {}),
    ...(p.submodule ? { submodule: { path: p.submodule.path, url: p.submodule.url } } : {}),
    origin: p.origin,
  };
  return {
    root: p.root,
    name: p.name,
    projectType: 'library',
    tags: ['python', 'uv:package', ...(p.submodule ? ['git:submodule'] : [])],
    namedInputs: { [PYTHON_SOURCES]: PYTHON_SOURCES_INPUT },
    metadata: {
      description: `Python package ${mlws.distribution}${p.pyproject.version ? ` ${p.pyproject.version}` : ''}${
        p.origin === 'member' ? ', uv workspace member' : ', local path source'
      }${p.submodule ? ` (git submodule of ${p.submodule.url})` : ''}`,
      technologies: ['python', 'uv'],
      mlws,
    },
    targets: {},
  };
}

function environmentProject(e: EnvironmentNode): InferredProject {
  const mlws: MlwsProjectMetadata = { kind: 'environment', file: e.pyproject.file, environment: e.env };
  return {
    root: e.root,
    name: e.name,
    projectType: 'application',
    tags: ['python', 'uv:environment', `env:${e.env}`],
    metadata: {
      description: `The ${e.env} environment: ${e.pyproject.file}${e.root === '.' ? ' (the uv workspace, editable members)' : ' (internal packages pinned by git tag)'}`,
      technologies: ['python', 'uv'],
      mlws,
    },
    targets: {},
  };
}

function imageProject(i: ImageNode): InferredProject {
  const mlws: MlwsProjectMetadata = { kind: 'image', file: i.dockerfile };
  return {
    root: i.root,
    name: i.name,
    projectType: 'application',
    tags: ['docker:image'],
    metadata: { description: `Docker images built from ${i.dockerfile}`, technologies: ['docker'], mlws },
    targets: {},
  };
}
