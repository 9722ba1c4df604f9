import type { ExecutorContext } from '@nx/devkit';
import { diagnoseUvError, isStaleLockError } from '../../uv/diagnose-uv-error';
import { lockArgv } from '../../uv/uv-argv';
import type { Clients } from '../../clients/clients';
import { defaultClients } from '../../clients/default-clients';
import { readEnvironment } from '../shared/environment';
import { fail, info } from '../shared/fail';
import { DEFAULT_BACKENDS } from '../../model/options';
import type { EnvironmentTargetOptions } from '../shared/options';

export interface LockExecutorOptions extends EnvironmentTargetOptions {
  check?: boolean;
  args?: string[];
}

export default async function lockExecutor(
  options: LockExecutorOptions,
  context: ExecutorContext,
  clients: Clients = defaultClients(),
): Promise<{ success: boolean }> {
  const root = context.root;
  const found = readEnvironment(
    root,
    options.environment,
    options.environmentRoot,
    options.backends ?? DEFAULT_BACKENDS,
  );
  if (!found.ok) return fail(clients.error, found.message);
  const env = found.env;
  if (env.pythonDrift) return fail(clients.error, env.pythonDrift);
  const uv = await clients.uv(root);
  if (!uv.ok) return fail(clients.error, uv.message);

  const argv = lockArgv({ project: env.root, check: options.check, extraArgs: options.args });
  const r = await uv.uv.run(argv, { cwd: root });
  if (r.exitCode === 0) {
    if (options.check) info(clients.log, `${env.lockFile} is up to date with ${env.pyprojectFile}`);
    return { success: true };
  }
  if (options.check && isStaleLockError(r.stderr)) {
    const fix = ['uv', ...lockArgv({ project: env.root })].join(' ');
    return fail(
      clients.error,
      `${env.lockFile} is out of date with ${env.pyprojectFile} (the ${env.name} environment): run nx run ${context.projectName}:lock (or ${fix})`,
    );
  }
  const hint = diagnoseUvError(r.stderr, env.diagnosis());
  return fail(
    clients.error,
    `uv ${argv.join(' ')} failed with exit code ${r.exitCode} for the ${env.name} environment${hint ? `: ${hint}` : " (see uv's output above)"}`,
  );
}
