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

const TS_EXT = /\.(ts|tsx|js|cjs|mjs)$/;

/** root-relative POSIX path without extension, or undefined outside root. */
function inRoot(root, abs) {
  const rel = path.relative(root, abs).split(path.sep).join('/');
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return rel.replace(TS_EXT, '');
}

function layerOf(options, rel) {
  const segs = rel.split('/');
  const top = segs[0];
  for (let i = 0; i < options.layers.length; i++) {
    const l = options.layers[i];
    const listed = segs.length === 1 ? [...(l.files ?? []), ...l.dirs] : l.dirs; // `../toml`: a directory's index
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
      unknown:
        '{{to}} is in no layer: add its directory to the layers of the mlws/layer-imports rule (eslint.config.cjs) at the right place',
    },
  },
  create(context) {
    const options = context.options[0];
    const filename = context.filename ?? context.getFilename();
    const from = inRoot(options.root, filename);
    if (!from) return {};
    const fromLayer = layerOf(options, from);
    const testFile = options.testFiles ? new RegExp(options.testFiles).test(filename) : false;
    const order = options.layers.map((l) => [...l.dirs, ...(l.files ?? [])].join(', ')).join(' < ');

    function check(node, source) {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const to = inRoot(options.root, path.resolve(path.dirname(filename), source));
      if (!to) return;
      if ((options.knownViolations ?? []).some((k) => under(from, k.from) && under(to, k.to))) return;
      const toLayer = layerOf(options, to);
      const data = { from, to };
      if (!toLayer || !fromLayer) {
        if (!toLayer) context.report({ node, messageId: 'unknown', data });
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

    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
      TSImportType: (node) => {
        const arg = node.argument?.literal ?? node.argument;
        if (arg && arg.type === 'Literal') check(arg, arg.value);
      },
      CallExpression: (node) => {
        // require('…') and jest.mock('…') name modules too
        const callee = node.callee;
        const named =
          (callee.type === 'Identifier' && callee.name === 'require') ||
          (callee.type === 'MemberExpression' && callee.object.name === 'jest' && callee.property.name === 'mock');
        const arg = node.arguments[0];
        if (named && arg && arg.type === 'Literal') check(arg, arg.value);
      },
    };
  },
};
