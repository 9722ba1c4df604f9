/** The files of an environment, by its workspace-relative directory (`.`: the dev environment, the workspace root). */

/** Whether an environment's directory is the workspace root (the dev environment). */
export const isRootEnvironment = (env: { path: string }): boolean => env.path === '.';

/** `pyproject.toml` of an environment (`.` → the root one). */
export function environmentFile(env: { path: string }): string {
  return isRootEnvironment(env) ? 'pyproject.toml' : `${env.path}/pyproject.toml`;
}
