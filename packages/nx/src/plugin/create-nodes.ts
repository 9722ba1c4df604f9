import type { CreateNodes, CreateNodesContext, CreateNodesResult } from '@nx/devkit';
import { MlwsPluginOptions, normalizeOptions } from './options';
import { projectsFromModel } from './project-configs';
import { classifyFiles, readWorkspaceModel } from './read-workspace';
import { reportProblems } from './report-problems';

/** Files the plugin reads; Dockerfiles are filtered further by the `dockerfilePattern` option. */
export const PLUGIN_GLOB = '**/{pyproject.toml,.gitmodules,Dockerfile,Dockerfile-*,Dockerfile.*,*.Dockerfile}';

/**
 * createNodes (v2 signature): all matched files at once, because membership, path sources and
 * names are workspace-wide facts. One result entry per project root.
 */
export const createNodes: CreateNodes<MlwsPluginOptions> = [
  PLUGIN_GLOB,
  (files, rawOptions, context: CreateNodesContext) => {
    const options = normalizeOptions(rawOptions);
    const model = readWorkspaceModel(context.workspaceRoot, classifyFiles(files), options);
    reportProblems(model.problems);
    const projects = projectsFromModel(model, options, context.nxJsonConfiguration?.namedInputs);
    return Object.values(projects).map(
      (project): [string, CreateNodesResult] => [project.metadata?.mlws?.file ?? project.root, { projects: { [project.root]: project } }],
    );
  },
];

/** Alias for Nx majors before 24, which look for `createNodesV2` first (same signature). */
export const createNodesV2 = createNodes;
