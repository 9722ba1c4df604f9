import type { ExecutorContext } from '@nx/devkit';
import { runArgv } from '../../uv/uv-argv';
import type { ExecutorDeps } from './deps';
import { fail } from './fail';

/**
 * Runs a Python tool (pytest, ruff) inside the workspace environment of a package with
 * `uv run --package <name>`, from the package's directory. Exit codes listed in `okCodes` pass.
 */
export async function runToolInPackage(
  context: ExecutorContext,
  deps: ExecutorDeps,
  pkg: string,
  command: string[],
  tool: { name: string; okCodes?: Record<number, string> },
): Promise<{ success: boolean }> {
  const projectRoot = context.projectsConfigurations?.projects[context.projectName ?? '']?.root ?? '.';
  const uv = await deps.findUv(context.root);
  if (!uv.ok) return fail(uv.message);
  const argv = runArgv({ package: pkg, command });
  const r = await uv.uv.run(argv, { cwd: `${context.root}/${projectRoot}` });
  if (r.exitCode === 0) return { success: true };
  const note = tool.okCodes?.[r.exitCode];
  if (note) {
    console.warn(`@mlws/nx: ${note}`);
    return { success: true };
  }
  if (notInstalled(command, r.stderr)) {
    // `uv run --package` installs the package's own dependencies and dev group, not the root's
    return fail(`${tool.name} is not installed in the workspace environment of ${pkg}: add it to the package's dev group with uv add --package ${pkg} --dev ${tool.name}`);
  }
  return fail(`${tool.name} failed for ${pkg} (exit code ${r.exitCode}): uv ${argv.join(' ')}`);
}

/** The tool is missing: uv could not spawn it, or `python -m <module>` found no such module. */
export function notInstalled(command: string[], stderr: string): boolean {
  if (command[0] === 'python' && command[1] === '-m') return stderr.includes(`No module named ${command[2]}`);
  return /Failed to spawn|No such file or directory/.test(stderr) && stderr.includes(command[0] ?? '');
}
