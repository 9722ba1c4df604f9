import type { CreateDependencies, DependencyType, RawProjectGraphDependency } from '@nx/devkit';
import { computeEdges } from '../model/edges';
import { MlwsPluginOptions, normalizeOptions } from '../model/options';
import type { MlwsProjectMetadata } from './project-configs';
import { lastWorkspaceModel, readWorkspaceModel } from './read-workspace';

/**
 * `DependencyType.static` without loading `@nx/devkit` at run time: its index pulls in most of Nx
 * (~170 ms in each plugin worker, measured at 1000 packages; see docs/benchmarks.md).
 */
const STATIC = 'static' as unknown as DependencyType.static;

/**
 * Static edges from the pyprojects (see model/edges.ts). The files to read are the ones recorded
 * in the projects' `metadata.mlws` by createNodes; parsed pyprojects come from the on-disk cache.
 */
export const createDependencies: CreateDependencies<MlwsPluginOptions> = (rawOptions, context) => {
  const options = normalizeOptions(rawOptions);
  const pyprojects: string[] = [];
  const dockerfiles: string[] = [];
  for (const project of Object.values(context.projects)) {
    const mlws = project.metadata?.mlws as MlwsProjectMetadata | undefined;
    if (!mlws) continue;
    (mlws.kind === 'image' ? dockerfiles : pyprojects).push(mlws.file);
  }
  const model =
    lastWorkspaceModel(context.workspaceRoot, options) ??
    readWorkspaceModel(context.workspaceRoot, { pyprojects, dockerfiles }, options);
  const known = new Set(Object.values(context.projects).map((p) => p.name));
  return computeEdges(model)
    .filter((e) => known.has(e.source) && known.has(e.target))
    .map((e): RawProjectGraphDependency => ({
      source: e.source,
      target: e.target,
      sourceFile: e.sourceFile,
      type: STATIC,
    }));
};
