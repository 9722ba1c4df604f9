import { fakeClients } from '../../clients/__testing__/fake-clients';
import { readNxJson, Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { backendGenerator } from '../backend/generator';
import { environmentGenerator } from '../environment/generator';
import { initGenerator } from '../init/generator';
import { registerPlugin, registerSyncGenerator } from '../init/register-plugin';
import { fakeDeps } from './__testing__/fakes';
import { formattingOf } from './nx-json-edit';
import { updatePluginOptions } from './plugin-options';

const quiet = fakeClients();

/** nx.json as people write it: comments everywhere, tabs, a trailing comma, CRLF. */
const COMMENTED = [
  '// workspace settings',
  '{',
  '\t/* the schema */ "$schema": "./node_modules/nx/schemas/nx-schema.json",',
  '\t"plugins": [',
  '\t\t// ours',
  '\t\t{ "plugin": "@mlws/nx", "options": { "defaultBackend": "cpu" /* laptops */ } },',
  '\t],',
  '\t"namedInputs": { "default": ["{projectRoot}/**/*"] }, // keep',
  '}',
  '',
].join('\r\n');

/** Whether `after` is `before` with text only added (every byte of `before` kept, in order). */
function keepsEveryByte(before: string, after: string): boolean {
  let i = 0;
  for (const ch of after) if (i < before.length && ch === before[i]) i++;
  return i === before.length;
}

describe('nx.json edits keep comments and layout', () => {
  let tree: Tree;
  beforeEach(async () => {
    tree = createTreeWithEmptyWorkspace();
    await initGenerator(
      tree,
      { skipFormat: true, skipDockerfile: true, name: 'ml', torchIndexUrl: 'http://127.0.0.1:8123' },
      quiet,
    );
    tree.write('nx.json', COMMENTED);
  });
  const nxJson = () => tree.read('nx.json', 'utf-8') ?? '';

  it('environment adds only its value', async () => {
    await environmentGenerator(tree, { name: 'qa' }, quiet);
    expect(nxJson()).toBe(
      COMMENTED.replace(
        '"cpu" /* laptops */',
        '"cpu",\r\n\t\t\t\t"environments": [\r\n\t\t\t\t\t"staging",\r\n\t\t\t\t\t"prod",\r\n\t\t\t\t\t"qa"\r\n\t\t\t\t] /* laptops */',
      ),
    );
    expect(readNxJson(tree)?.plugins?.[0]).toEqual({
      plugin: '@mlws/nx',
      options: { defaultBackend: 'cpu', environments: ['staging', 'prod', 'qa'] },
    });
  });

  it('backend keeps every byte of the file around its value', async () => {
    await backendGenerator(tree, { name: 'cu126' }, fakeDeps());
    expect(keepsEveryByte(COMMENTED, nxJson())).toBe(true);
    expect(nxJson()).toContain('// ours');
    expect(readNxJson(tree)?.plugins?.[0]).toEqual({
      plugin: '@mlws/nx',
      options: { defaultBackend: 'cpu', backends: { cpu: null, cu124: '12.4.1', cu128: '12.8.1', cu126: '12.6.3' } },
    });
  });

  it('changing an option rewrites that value only; a string entry becomes the object form in place', () => {
    updatePluginOptions(tree, (o) => ({ ...o, defaultBackend: 'cu124' }));
    expect(nxJson()).toBe(COMMENTED.replace('"cpu" /* laptops */', '"cu124" /* laptops */'));
    const withString = COMMENTED.replace(
      '{ "plugin": "@mlws/nx", "options": { "defaultBackend": "cpu" /* laptops */ } }',
      '"@mlws/nx"',
    );
    tree.write('nx.json', withString);
    updatePluginOptions(tree, (o) => ({ ...o, defaultBackend: 'cpu' }));
    expect(keepsEveryByte(withString.replace('"@mlws/nx"', ''), nxJson())).toBe(true);
    expect(readNxJson(tree)?.plugins).toEqual([{ plugin: '@mlws/nx', options: { defaultBackend: 'cpu' } }]);
  });

  it('init registers the plugin and the sync generator around the comments', () => {
    const without = COMMENTED.replace(
      '\t\t{ "plugin": "@mlws/nx", "options": { "defaultBackend": "cpu" /* laptops */ } },\r\n',
      '',
    );
    tree.write('nx.json', without);
    expect(registerPlugin(tree)).toBe(true);
    expect(registerSyncGenerator(tree)).toBe(true);
    expect(registerPlugin(tree)).toBe(false);
    expect(keepsEveryByte(without, nxJson())).toBe(true);
    expect(readNxJson(tree)?.plugins).toEqual(['@mlws/nx']);
    expect(readNxJson(tree)?.sync?.globalGenerators).toEqual(['@mlws/nx:sync']);
  });

  it('refuses an nx.json that is not JSON in one line', () => {
    tree.write('nx.json', '{ "plugins": [ }');
    expect(() => updatePluginOptions(tree, (o) => o)).toThrow(
      /^@mlws\/nx: nx\.json is not a JSON object \(ValueExpected at line 1\): fix it, then run the generator again$/,
    );
  });

  it('takes the indentation and line end from the file', () => {
    expect(formattingOf('{\n    "a": 1\n}\n')).toEqual({ insertSpaces: true, tabSize: 4, eol: '\n' });
    expect(formattingOf('{\r\n\t"a": 1\r\n}')).toEqual({ insertSpaces: false, tabSize: 1, eol: '\r\n' });
  });
});
