import type { Tree } from '@nx/devkit';
import {
  BackendSpec,
  commonIndexBase,
  DEFAULT_TORCH_REQUIREMENT,
  indexNameOf,
  indexUrlOf,
  PYTORCH_INDEX_BASE,
  readBackendSetup,
} from '../shared/backend-setup';
import type { Clients } from '../../clients/clients';
import { defaultClients } from '../../clients/default-clients';
import { say } from '../shared/say';
import { failAll } from '../shared/errors';
import { environmentFile } from '../shared/locate';
import { badBackendName } from '../shared/names';
import { explicitBackends, readNormalizedOptions, updatePluginOptions } from '../shared/plugin-options';
import { announceRelock, LockTarget, relockCallback, Snapshot } from '../shared/relock';
import { addBackend } from './backend-edits';
import { badCudaVersion, defaultCudaVersion } from './cuda';
import { readUtf8Text } from '../shared/read-utf8-text';

export interface BackendGeneratorSchema {
  name: string;
  cudaVersion?: string;
  indexUrl?: string;
  torchIndexUrl?: string;
  skipLock?: boolean;
}

const URL_RE = /^(https?|file):\/\/[^\s"'\\]+$/;

/** `nx g @mlws/nx:backend cu126 [--cuda-version 12.6.3]`. */
export async function backendGenerator(
  tree: Tree,
  options: BackendGeneratorSchema,
  clients: Pick<Clients, 'uv' | 'log'> = defaultClients(),
) {
  const opts = readNormalizedOptions(tree);
  const rootText = readUtf8Text(tree, 'pyproject.toml');
  failAll(
    [
      badBackendName(options.name),
      badCudaVersion(options.cudaVersion),
      options.indexUrl !== undefined && !URL_RE.test(options.indexUrl)
        ? `--index-url ${options.indexUrl} is not an http(s) or file URL`
        : undefined,
      options.torchIndexUrl !== undefined && !URL_RE.test(options.torchIndexUrl)
        ? `--torch-index-url ${options.torchIndexUrl} is not an http(s) or file URL`
        : undefined,
      rootText === null ? 'there is no pyproject.toml at the root: run nx g @mlws/nx:init first' : undefined,
    ].filter((x): x is string => x !== undefined),
  );
  if (rootText === null) return;
  const name = options.name;
  const cudaVersions = { ...opts.backends, [name]: null };
  const rootBackends = readBackendSetup(rootText, cudaVersions).filter((b) => b.name !== name);
  const indexUrl =
    options.indexUrl ?? indexUrlOf(options.torchIndexUrl ?? commonIndexBase(rootBackends) ?? PYTORCH_INDEX_BASE, name);

  // the root, and every environment that declares backends
  const targets: Array<LockTarget & { file: string; text: string }> = [
    { name: opts.devEnvironment, path: '.', file: 'pyproject.toml', text: rootText },
  ];
  for (const env of opts.environments) {
    const file = environmentFile(env);
    const text = env.path === '.' ? null : readUtf8Text(tree, file);
    if (text !== null && readBackendSetup(text, cudaVersions).length > 0)
      targets.push({ name: env.name, path: env.path, file, text });
  }
  const problems: string[] = [];
  const edits: Array<{ target: (typeof targets)[number]; text: string }> = [];
  for (const t of targets) {
    const declared = readBackendSetup(t.text, cudaVersions);
    if (declared.some((b) => b.name === name)) {
      if (t.path === '.')
        problems.push(
          `${name} is already a backend of pyproject.toml (extras: ${declared.map((b) => b.name).join(', ')})`,
        );
      continue;
    }
    const others = declared.filter((b) => b.name !== name);
    const spec: Required<BackendSpec> = {
      name,
      requirements: others.find((b) => b.requirements.length)?.requirements ?? [DEFAULT_TORCH_REQUIREMENT],
      index: { name: indexNameOf(name), url: indexUrl, ...sharedFormat(others) },
    };
    const r = addBackend(
      t.text,
      t.file,
      spec,
      others.map((b) => b.name),
    );
    if (!r.ok) problems.push(r.message);
    else edits.push({ target: t, text: r.text });
  }
  failAll(problems);

  const cuda = options.cudaVersion ?? opts.backends[name] ?? defaultCudaVersion(name);
  const nxJsonBefore = tree.read('nx.json', 'utf-8');
  for (const e of edits) tree.write(e.target.file, e.text);
  updatePluginOptions(tree, (o) => ({ ...o, backends: { ...explicitBackends(o), [name]: cuda } }));
  say(
    clients,
    `backend ${name} (index ${indexUrl}${cuda ? `, CUDA ${cuda}` : ', no CUDA'}) added to ${edits.map((e) => e.target.file).join(', ')}; nx.json "backends" lists it`,
  );

  const locked = edits
    .map((e) => e.target)
    .filter((t) => tree.exists(t.path === '.' ? 'uv.lock' : `${t.path}/uv.lock`));
  if (options.skipLock || locked.length === 0) return;
  announceRelock(clients, locked);
  const snapshot: Snapshot = [
    ...edits.map((e) => ({ file: e.target.file, before: e.target.text })),
    { file: 'nx.json', before: nxJsonBefore },
  ];
  return relockCallback(
    tree.root,
    locked,
    snapshot,
    clients,
    `fix that and run nx g @mlws/nx:backend ${name} again, or add --skip-lock to add it without relocking`,
  );
}

/** The `format` all the other indexes use (`flat`), if they agree on one. */
function sharedFormat(others: readonly BackendSpec[]): { format?: string } {
  const formats = new Set(others.filter((b) => b.index).map((b) => b.index?.format));
  const [only] = [...formats];
  return formats.size === 1 && only ? { format: only } : {};
}

export default backendGenerator;
