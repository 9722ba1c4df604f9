/**
 * uv command lines, built from options. Pure: the executors pass the result to the process module.
 * `project` is the environment's directory relative to the workspace root (`.` for dev → no flag).
 */
export interface LockArgs {
  project: string;
  /** `--locked`: fail if the lock is not current instead of updating it. */
  check?: boolean;
  extraArgs?: readonly string[];
}

export function lockArgv(o: LockArgs): string[] {
  return ['lock', ...projectFlag(o.project), ...(o.check ? ['--locked'] : []), ...(o.extraArgs ?? [])];
}

export interface SyncArgs {
  project: string;
  /** The PyTorch backend extra, if the environment declares backends. */
  backend?: string;
  frozen?: boolean;
  locked?: boolean;
  /** Install every workspace member (dev). */
  allPackages?: boolean;
  extraArgs?: readonly string[];
}

export function syncArgv(o: SyncArgs): string[] {
  return [
    'sync',
    ...projectFlag(o.project),
    ...(o.allPackages ? ['--all-packages'] : []),
    ...(o.locked ? ['--locked'] : o.frozen ? ['--frozen'] : []),
    ...(o.backend ? ['--extra', o.backend] : []),
    ...(o.extraArgs ?? []),
  ];
}

export interface BuildArgs {
  /** Distribution name of the workspace member. */
  package?: string;
  /** Source directory of a package that is not a workspace member (a local path source). */
  source?: string;
  /** Output directory, workspace-relative. */
  outDir: string;
  extraArgs?: readonly string[];
}

export function buildArgv(o: BuildArgs): string[] {
  const what = o.package !== undefined ? ['--package', o.package] : [o.source ?? '.'];
  return ['build', ...what, '--out-dir', o.outDir, '--no-progress', ...(o.extraArgs ?? [])];
}

export interface RunToolArgs {
  /** Run in this member's environment (`--package`). */
  package?: string;
  /** Run in the whole dev environment, every member installed (`--all-packages`), as dev's sync makes it. */
  allPackages?: boolean;
  /** Extras to install (the PyTorch backend). */
  extras?: readonly string[];
  /** The program and its arguments, run inside the environment. */
  command: readonly string[];
  /** Do not sync before running (the `sync` target did it). */
  noSync?: boolean;
  /** Install from the lock, failing when it is stale (`--locked`). */
  locked?: boolean;
  frozen?: boolean;
}

export function runArgv(o: RunToolArgs): string[] {
  return [
    'run',
    ...(o.allPackages ? ['--all-packages'] : o.package ? ['--package', o.package] : []),
    ...(o.noSync ? ['--no-sync'] : o.locked ? ['--locked'] : o.frozen ? ['--frozen'] : []),
    ...(o.extras ?? []).flatMap((e) => ['--extra', e]),
    '--',
    ...o.command,
  ];
}

function projectFlag(project: string): string[] {
  return project === '.' || project === '' ? [] : ['--project', project];
}
