// ESLint rule `mlws/layer-imports`: the layers of packages/nx/src import downward only.
// Options (one object):
//   root            absolute directory the layer names are relative to (packages/nx/src)
//   layers          bottom first: each entry { dirs: [...], isolated?: true } (isolated: the dirs of
//                   that layer never import each other); a file directly in root (index.ts) is
//                   `files` of the layer that lists it
//   scoped          directories whose subdirectories (one generator, one executor) import only
//                   their own files and the `shared` ones, never a sibling
//   shared          subdirectory names every sibling may import (shared/, __testing__/)
//   testFiles       regex source: files exempt from the sibling check (a spec may set a workspace
//                   up with another generator); the layer order holds for them too
//   knownViolations [{ from, to, why }]: path prefixes (root-relative, no extension) allowed for now
const path = require('node:path');
const { fileURLToPath } = require('node:url');

const TS_EXT = /\.(d\.)?[cm]?[jt]sx?$/;

/** root-relative POSIX path without extension (root itself: `index`), or undefined outside root. */
function inRoot(root, abs) {
  const rel = path.relative(root, abs).split(path.sep).join('/');
  if (rel === '') return 'index'; // `..`, `../`: the root's index.ts
  if (rel === '..' || rel.startsWith('../') || path.isAbsolute(rel)) return undefined;
  return rel.replace(TS_EXT, '');
}

/** The absolute path a relative, absolute or file: specifier names; undefined for a package name. */
function resolveSpecifier(filename, source) {
  if (source.startsWith('file:')) {
    try {
      return fileURLToPath(source);
    } catch {
      return undefined;
    }
  }
  if (source.startsWith('.') || path.isAbsolute(source)) return path.resolve(path.dirname(filename), source);
  return undefined;
}

/** The string a Literal or an expression-free template literal holds, else undefined. */
function constantString(node) {
  if (!node) return undefined;
  if (node.type === 'Literal') return typeof node.value === 'string' ? node.value : undefined;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0].value.cooked;
  return undefined;
}

/** `a.b` of a member expression callee (`jest.mock`, `require.resolve`), else undefined. */
function memberName(callee) {
  if (callee.type !== 'MemberExpression' || callee.computed) return undefined;
  const obj = callee.object;
  const objName = obj.type === 'Identifier' ? obj.name : obj.type === 'MetaProperty' ? 'import.meta' : undefined;
  return objName && callee.property.type === 'Identifier' ? `${objName}.${callee.property.name}` : undefined;
}

// Calls whose first argument names a module.
const MODULE_CALLS = new Set([
  'require.resolve',
  'import.meta.resolve',
  'module.require',
  'jest.mock',
  'jest.doMock',
  'jest.unmock',
  'jest.dontMock',
  'jest.setMock',
  'jest.requireActual',
  'jest.requireMock',
  'jest.createMockFromModule',
  'jest.unstable_mockModule',
]);

/** `fromFile`: `rel` is the linted file itself, so a file directly in root is only in `files`. */
function layerOf(options, rel, fromFile = false) {
  const segs = rel.split('/');
  const top = fromFile && segs.length === 1 ? segs[0].replace(/\.(spec|test)$/, '') : segs[0]; // index.spec.ts: index's layer
  for (let i = 0; i < options.layers.length; i++) {
    const l = options.layers[i];
    const files = l.files ?? [];
    const listed = segs.length > 1 ? l.dirs : fromFile ? files : [...files, ...l.dirs]; // `../toml`: a directory's index
    if (listed.includes(top)) return { index: i, name: top, layer: l };
  }
  return undefined;
}

/** `generators/pin/x` → `pin`; a file directly in the scoped dir, or a shared one, → undefined. */
function unitOf(options, rel) {
  const segs = rel.split('/');
  if (!options.scoped.includes(segs[0]) || segs.length < 3) return undefined;
  return options.shared.includes(segs[1]) ? undefined : segs[1];
}

/** `rel` is `prefix` or lies under it. */
function under(rel, prefix) {
  const p = prefix.replace(/\/$/, '');
  return rel === p || rel.startsWith(`${p}/`);
}

module.exports = {
  meta: {
    type: 'problem',
    docs: { description: 'Layers of packages/nx/src import downward only; a generator/executor imports no sibling' },
    schema: [{ type: 'object', additionalProperties: true }],
    messages: {
      upward:
        '{{from}} (layer {{fromIndex}}) imports {{to}} (layer {{toIndex}}): layers import downward only ({{order}}); move the code down to the layer that needs it, or pass it in',
      sideways:
        '{{from}} imports {{to}}: {{layer}} never import each other; move the shared code down (model/, fs/, process/)',
      sibling:
        '{{from}} imports {{to}}: a directory under {{scope}}/ imports only its own files and {{scope}}/shared; move the code to {{scope}}/shared',
      unknownFile:
        '{{from}} is in no layer, so its imports cannot be checked: add its directory to the layers of the mlws/layer-imports rule (eslint.config.cjs) at the right place, or move the file into a layer',
      unknown:
        '{{to}} is in no layer: add its directory to the layers of the mlws/layer-imports rule (eslint.config.cjs) at the right place',
    },
  },
  create(context) {
    const options = context.options[0];
    const filename = context.filename ?? context.getFilename();
    const from = inRoot(options.root, filename);
    if (!from) return {};
    const fromLayer = layerOf(options, from, true);
    const testFile = options.testFiles ? new RegExp(options.testFiles).test(filename) : false;
    const order = options.layers.map((l) => [...l.dirs, ...(l.files ?? [])].join(', ')).join(' < ');

    function check(node, source) {
      if (typeof source !== 'string') return;
      const abs = resolveSpecifier(filename, source);
      const to = abs && inRoot(options.root, abs);
      if (!to) return;
      if ((options.knownViolations ?? []).some((k) => under(from, k.from) && under(to, k.to))) return;
      const toLayer = layerOf(options, to);
      const data = { from, to };
      if (!fromLayer) return; // reported once on the file
      if (!toLayer) {
        context.report({ node, messageId: 'unknown', data });
        return;
      }
      if (toLayer.index > fromLayer.index) {
        context.report({
          node,
          messageId: 'upward',
          data: { ...data, fromIndex: String(fromLayer.index), toIndex: String(toLayer.index), order },
        });
        return;
      }
      if (toLayer.index === fromLayer.index && toLayer.name !== fromLayer.name && toLayer.layer.isolated) {
        context.report({ node, messageId: 'sideways', data: { ...data, layer: toLayer.layer.dirs.join(', ') } });
        return;
      }
      if (testFile || toLayer.name !== fromLayer.name) return;
      const a = unitOf(options, from);
      const b = unitOf(options, to);
      const fromShared = options.scoped.includes(fromLayer.name) && !a;
      if (b && (fromShared || a !== b))
        context.report({ node, messageId: 'sibling', data: { ...data, scope: fromLayer.name } });
    }

    const checkNode = (node) => check(node, constantString(node));

    return {
      Program: (node) => {
        if (!fromLayer) context.report({ node, messageId: 'unknownFile', data: { from } });
      },
      ImportDeclaration: (node) => checkNode(node.source),
      ExportNamedDeclaration: (node) => node.source && checkNode(node.source),
      ExportAllDeclaration: (node) => checkNode(node.source),
      ImportExpression: (node) => checkNode(node.source),
      TSImportType: (node) => checkNode(node.argument?.literal ?? node.argument),
      TSExternalModuleReference: (node) => checkNode(node.expression), // import x = require('…')
      CallExpression: (node) => {
        const callee = node.callee;
        const named =
          (callee.type === 'Identifier' && callee.name === 'require') || MODULE_CALLS.has(memberName(callee));
        if (named) checkNode(node.arguments[0]);
      },
    };
  },
};
