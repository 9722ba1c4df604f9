import type { ExecutorContext } from '@nx/devkit';
import { DEFAULT_BACKENDS, normalizeOptions } from '../../model/options';
import { isStaleLockError } from '../../uv/diagnose-uv-error';
import { runArgv } from '../../uv/uv-argv';
import { BackendOptions, resolveBackend } from './backend';
import type { Clients } from '../../clients/clients';
import { readEnvironment } from './environment';
import { fail, info } from './fail';
import { pluginOptionsOf } from './plugin-options';
import { projectRootOf } from './project-root';

/** What test and lint take besides their own options: the dev environment and its backend. */
export interface ToolRunOptions extends BackendOptions {
  package: string;
  /** The dev environment (default: the plugin's devEnvironment, the workspace root). */
  environment?: string;
  backends?: Record<string, string | null>;
}

/**
 * Runs a Python tool (`python -m pytest`, `python -m ruff`) from the package's directory inside
 * the dev environment, as `nx run dev:sync` makes it: every member installed, the chosen PyTorch
 * backend's extra, exactly from the dev lock (`uv run --all-packages --locked --extra <backend>`).
 * Not `uv run --package <name>` alone: that installs the member's closure without the root's
 * backend extras, so a member depending on torch would get torch from the default index (PyPI,
 * CUDA wheels) over the backend `dev:sync` installed. Exit codes listed in `okCodes` pass.
 */
export async function runToolInPackage(
  options: ToolRunOptions,
  context: ExecutorContext,
  clients: Pick<Clients, 'uv' | 'process' | 'env' | 'log' | 'error'>,
  command: string[],
  tool: { name: string; okCodes?: Record<number, string> },
): Promise<{ success: boolean }> {
  const pkg = options.package;
  const projectRoot = projectRootOf(context);
  const cudaVersions = options.backends ?? DEFAULT_BACKENDS;
  const envName = options.environment ?? normalizeOptions(pluginOptionsOf(context)).devEnvironment;
  const dev = readEnvironment(context.root, envName, '.', cudaVersions);
  if (!dev.ok) return fail(clients.error, dev.message);
  const backend = await resolveBackend(
    options,
    dev.env.backends,
    cudaVersions,
    `the ${envName} environment (pyproject.toml) that ${tool.name} of ${pkg} runs in`,
    clients,
    context.root,
  );
  if (!backend.ok) return fail(clients.error, backend.message);
  if (backend.note) info(clients.log, backend.note);

  const uv = await clients.uv(context.root);
  if (!uv.ok) return fail(clients.error, uv.message);
  const argv = runArgv({ allPackages: true, locked: true, extras: backend.backend ? [backend.backend] : [], command });
  const r = await uv.uv.run(argv, { cwd: `${context.root}/${projectRoot}` });
  if (r.exitCode === 0) return { success: true };
  const note = tool.okCodes?.[r.exitCode];
  if (note) {
    clients.log(`@mlws/nx: ${note}`);
    return { success: true };
  }
  if (isStaleLockError(r.stderr)) {
    return fail(
      clients.error,
      `uv.lock is out of date with the workspace's pyprojects, and ${tool.name} runs exactly from it: run nx run ${envName}:lock (or uv lock), then run ${tool.name} again`,
    );
  }
  if (notInstalled(command, r.stderr)) {
    return fail(
      clients.error,
      `${tool.name} is not installed in the ${envName} environment: add it to ${pkg}'s dev group with uv add --package ${pkg} --dev ${tool.name}`,
    );
  }
  return fail(clients.error, `${tool.name} failed for ${pkg} (exit code ${r.exitCode}): uv ${argv.join(' ')}`);
}

/** The tool is missing: uv could not spawn it, or `python -m <module>` found no such module. */
export function notInstalled(command: string[], stderr: string): boolean {
  if (command[0] === 'python' && command[1] === '-m') return stderr.includes(`No module named ${command[2]}`);
  return /Failed to spawn|No such file or directory/.test(stderr) && stderr.includes(command[0] ?? '');
}
