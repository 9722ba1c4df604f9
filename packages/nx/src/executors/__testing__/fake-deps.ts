import type { ExecutorContext } from '@nx/devkit';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { RunOptions, RunResult } from '../../process/run-process';
import { Call as UvCall, fakeClients, FakeClients, fakeUv } from '../../clients/__testing__/fake-clients';

export type { UvCall };

/** A fake uv that records calls; `answer` decides each result (default: success, and sync creates a venv). */
export function fakeDeps(
  root: string,
  answer: (args: string[], o: RunOptions) => Partial<RunResult> = () => ({}),
  env: NodeJS.ProcessEnv = {},
): { deps: FakeClients; calls: UvCall[] } {
  const calls: UvCall[] = [];
  const deps = fakeClients({
    // UV names an existing file so the "already synced?" check can identify the uv build
    env: { UV: process.execPath, ...env },
    uv: fakeUv(calls, ({ args }, o) => {
      if (args[0] === 'sync') {
        const i = args.indexOf('--project');
        const dir = i >= 0 ? join(root, args[i + 1]) : root;
        mkdirSync(join(dir, '.venv', 'lib', 'python3.11', 'site-packages'), { recursive: true });
      }
      return answer([...args], o);
    }),
  });
  return { deps, calls };
}

export function workspace(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'mlws-exec-'));
  for (const [f, text] of Object.entries(files)) {
    if (text === undefined) continue;
    mkdirSync(dirname(join(root, f)), { recursive: true });
    writeFileSync(join(root, f), text);
  }
  return root;
}

export function context(root: string, projectName: string, projectRoot: string): ExecutorContext {
  return {
    root,
    cwd: root,
    isVerbose: false,
    projectName,
    projectsConfigurations: {
      version: 2,
      projects: {
        [projectName]: {
          root: projectRoot,
          name: projectName,
          metadata: { mlws: { kind: 'package', file: `${projectRoot}/pyproject.toml` } },
        },
      },
    },
    nxJsonConfiguration: {},
    projectGraph: { nodes: {}, dependencies: {} },
  } as unknown as ExecutorContext;
}
