/**
 * What an environment is for, as data: `dev` (the root pyproject, every member editable),
 * `staging` (pins tags; pre-releases land here), `prod` (pins final releases; standalone images
 * are built from it), `other` (pinned only when named). Code asks for a role, never for a name:
 * names are options.
 */
export type EnvironmentRole = 'dev' | 'staging' | 'prod' | 'other';

export const ENVIRONMENT_ROLES: readonly EnvironmentRole[] = ['dev', 'staging', 'prod', 'other'];

/** Where an environment is: its name and its workspace-relative directory (`.` for dev). */
export interface EnvironmentPlace {
  name: string;
  path: string;
}

/** One environment of the workspace: where it is and what it is for. */
export interface EnvironmentOption extends EnvironmentPlace {
  role: EnvironmentRole;
}

/** The names that get a role without declaring one (today's defaults). */
export const DEFAULT_ENVIRONMENT_NAMES = { dev: 'dev', staging: 'staging', prod: 'prod' } as const;

/**
 * The roles of the environments beside dev: a declared `role` wins; else the default name
 * (`staging`, `prod`) gives it; when no environment is prod then, the last one is (a workspace
 * `["qa", "live"]` ships `live`). Every other environment is `other`. `dev` is not a role one
 * can declare here: it belongs to the root pyproject (the `devEnvironment` option).
 */
export function assignRoles(others: ReadonlyArray<{ name: string; path: string; role?: string }>): EnvironmentOption[] {
  const envs = others.map((e) => ({ name: e.name, path: e.path, role: declaredOrDefaultRole(e) }));
  if (!envs.some((e) => e.role === 'prod')) {
    const undeclared = envs.filter((e, i) => e.role === 'other' && !isDeclarable(others[i].role));
    const last = undeclared[undeclared.length - 1];
    if (last) last.role = 'prod';
  }
  return envs;
}

const isDeclarable = (role: string | undefined): role is 'staging' | 'prod' | 'other' =>
  role === 'staging' || role === 'prod' || role === 'other';

function declaredOrDefaultRole(e: { name: string; role?: string }): EnvironmentRole {
  if (isDeclarable(e.role)) return e.role;
  if (e.name === DEFAULT_ENVIRONMENT_NAMES.staging) return 'staging';
  if (e.name === DEFAULT_ENVIRONMENT_NAMES.prod) return 'prod';
  return 'other';
}

/** The first environment with `role` (dev and prod are one each in practice). */
export function environmentWithRole<E extends { role: EnvironmentRole }>(
  environments: readonly E[],
  role: EnvironmentRole,
): E | undefined {
  return environments.find((e) => e.role === role);
}

/** Names of the environments whose role is one of `roles`, in the workspace's order. */
export function namesWithRoles(
  environments: ReadonlyArray<{ name: string; role: EnvironmentRole }>,
  roles: readonly EnvironmentRole[],
): string[] {
  return environments.filter((e) => roles.includes(e.role)).map((e) => e.name);
}

/** What a release pins by default: a pre-release the staging environments, a final release staging and prod. */
export const RELEASE_PIN_ROLES = { prerelease: ['staging'], stable: ['staging', 'prod'] } as const satisfies Record<
  string,
  readonly EnvironmentRole[]
>;
