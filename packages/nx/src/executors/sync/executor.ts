import type { ExecutorContext } from '@nx/devkit';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { requiresPackage } from '../../model/requires';
import { diagnoseUvError, isStaleLockError } from '../../uv/diagnose-uv-error';
import { lockedPackageNames } from '../../uv/lock-packages';
import { syncArgv } from '../../uv/uv-argv';
import { uvIdentity } from '../../uv/uv-identity';
import { LockError, withEnvironmentLock } from '../../sync/sync-lock';
import { workspaceDataDirectoryOf } from '../../plugin/inference-cache';
import { readStamp, stampFor, syncKey, writeStamp } from '../../sync/sync-stamp';
import { resolveBackend } from '../shared/backend';
import type { Clients } from '../../clients/clients';
import { defaultClients } from '../../clients/default-clients';
import { EnvironmentFacts, readEnvironment } from '../shared/environment';
import { fail, info } from '../shared/fail';
import { DEFAULT_BACKENDS } from '../../model/options';
import type { EnvironmentTargetOptions } from '../shared/options';

export interface SyncExecutorOptions extends EnvironmentTargetOptions {
  package?: string;
  backend?: string;
  frozen?: boolean;
  locked?: boolean;
  force?: boolean;
  args?: string[];
}

export default async function syncExecutor(
  options: SyncExecutorOptions,
  context: ExecutorContext,
  clients: Clients = defaultClients(),
): Promise<{ success: boolean }> {
  const root = context.root;
  const cudaVersions = options.backends ?? DEFAULT_BACKENDS;
  const found = readEnvironment(root, options.environment, options.environmentRoot, cudaVersions);
  if (!found.ok) return fail(clients.error, found.message);
  const env = found.env;
  const isDev = env.root === '.';

  if (options.package && !isDev && !pinsPackage(env, options.package)) {
    return fail(
      clients.error,
      `${options.package} is not pinned in ${env.pyprojectFile}, so the ${env.name} environment cannot have it: pin a tag with nx g @mlws/nx:pin ${options.package} --env ${env.name} --tag <tag>`,
    );
  }
  if (options.package && !isDev && !installsPackage(root, env, options.package)) {
    return fail(
      clients.error,
      `the ${env.name} environment does not install ${options.package}: ${env.pyprojectFile} pins it in [tool.uv.sources] but no requirement of ${env.name} needs it (uv installs only what is required); add "${options.package}" to [project].dependencies of ${env.pyprojectFile} and run nx run ${env.name}:lock (nx g @mlws/nx:pin ${options.package} --env ${env.name} --tag <tag> does both)`,
    );
  }
  if (env.pythonDrift) return fail(clients.error, env.pythonDrift);

  const backend = await resolveBackend(
    options,
    env.backends,
    cudaVersions,
    `the ${env.name} environment (${env.pyprojectFile})`,
    clients,
    root,
  );
  if (!backend.ok) return fail(clients.error, backend.message);
  if (backend.note) info(clients.log, backend.note);

  // staging/prod install exactly from their lock, and refuse a lock that no longer matches the
  // pyproject (`--locked`: a pin moved without relocking must not install the old pin silently);
  // `frozen: true` installs from the lock without that check. dev updates its lock as uv does.
  const frozen = options.frozen ?? false;
  const locked = options.locked ?? (!isDev && !frozen);
  if ((frozen || locked) && !existsSync(join(root, env.lockFile))) {
    return fail(
      clients.error,
      `${env.lockFile} does not exist, and the ${env.name} environment installs exactly from it: run nx run ${env.name}:lock first`,
    );
  }
  const argv = syncArgv({
    project: env.root,
    backend: backend.backend,
    frozen,
    locked,
    allPackages: isDev,
    extraArgs: options.args,
  });
  const inputs = [env.pyprojectFile, env.lockFile, ...(isDev ? memberPyprojects(context) : [])];
  const shown = ['uv', ...argv].join(' ');

  const lock = {
    lockDir: join(workspaceDataDirectoryOf(root), 'mlws-sync-locks'),
    command: `nx run ${context.projectName ?? env.name}:${context.targetName ?? 'sync'}${context.configurationName ? `:${context.configurationName}` : ''}`,
    label: `the ${env.name} environment (${env.root === '.' ? '' : `${env.root}/`}.venv)`,
    log: clients.log,
  };
  try {
    return await withEnvironmentLock(env.venv, () => syncLocked(), lock);
  } catch (e) {
    if (e instanceof LockError) return fail(clients.error, e.message);
    throw e;
  }

  async function syncLocked(): Promise<{ success: boolean }> {
    // "already synced?" is answered before any process starts: the uv build is identified by its file
    const identity = uvIdentity(clients.env);
    const key = identity ? syncKey({ argv, uvVersion: identity, files: inputs, workspaceRoot: root }) : undefined;
    const stamp = readStamp(env.venv);
    if (key && !options.force && stamp !== undefined && stamp === stampFor(env.venv, key)) {
      info(
        clients.log,
        `the ${env.name} environment is already synced from ${env.lockFile} (${shown}); --force runs uv sync again`,
      );
      return { success: true };
    }
    const uv = await clients.uv(root);
    if (!uv.ok) return fail(clients.error, uv.message);
    const r = await uv.uv.run(argv, { cwd: root });
    if (r.exitCode !== 0) {
      if (isStaleLockError(r.stderr)) {
        return fail(
          clients.error,
          `${env.lockFile} is out of date with ${env.pyprojectFile}: run nx run-many -t lock (or uv ${['lock', ...(isDev ? [] : ['--project', env.root])].join(' ')}) and sync again`,
        );
      }
      const hint = diagnoseUvError(r.stderr, env.diagnosis());
      return fail(
        clients.error,
        `${shown} failed with exit code ${r.exitCode} for the ${env.name} environment${hint ? `: ${hint}` : " (see uv's output above)"}`,
      );
    }
    if (key) writeStamp(env.venv, key);
    info(clients.log, `synced the ${env.name} environment: ${shown}`);
    return { success: true };
  }
}

function pinsPackage(env: EnvironmentFacts, pkg: string): boolean {
  return pkg in env.pyproject.sources;
}

/** Required by the environment's pyproject, or in its lock (a requirement of a requirement). */
function installsPackage(root: string, env: EnvironmentFacts, pkg: string): boolean {
  if (requiresPackage(env.pyproject, pkg)) return true;
  const lock = join(root, env.lockFile);
  return existsSync(lock) && lockedPackageNames(readFileSync(lock, 'utf8')).has(pkg);
}

function memberPyprojects(context: ExecutorContext): string[] {
  const files: string[] = [];
  for (const p of Object.values(context.projectsConfigurations?.projects ?? {})) {
    const mlws = p.metadata?.mlws as { kind?: string; file?: string } | undefined;
    if (mlws?.kind === 'package' && mlws.file) files.push(mlws.file);
  }
  return files;
}
