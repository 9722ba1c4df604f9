/**
 * smol-toml ships a CommonJS build, but its types are ESM-only; this module loads the CommonJS
 * build with the ESM types so the rest of the plugin imports it like any other module.
 */
type SmolToml = typeof import('smol-toml', { with: { 'resolution-mode': 'import' } });
const smolToml = require('smol-toml') as SmolToml;

export const parseToml: SmolToml['parse'] = smolToml.parse;
export const stringifyToml: SmolToml['stringify'] = smolToml.stringify;
export const TomlError: SmolToml['TomlError'] = smolToml.TomlError;
