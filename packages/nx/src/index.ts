/**
 * @mlws/nx — Nx plugin for uv ML workspaces.
 * Inference entry points: `createNodes` (v2 signature, alias `createNodesV2`) and `createDependencies`.
 */
export { createNodes, createNodesV2 } from './plugin/create-nodes';
export { createDependencies } from './plugin/create-dependencies';
export type { MlwsPluginOptions } from './model/options';
