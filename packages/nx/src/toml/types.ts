/** A value the editor can write. Objects become inline tables (or tables when a new table is created). */
export type TomlValue = string | number | boolean | TomlValue[] | { [key: string]: TomlValue };

/** Keys and array indices from the document root, e.g. `['tool', 'uv', 'sources', 'torch', 0]`. */
export type TomlPath = readonly (string | number)[];

/** One edit for {@link editToml}. */
export type TomlEdit =
  | { readonly op: 'set'; readonly path: TomlPath; readonly value: TomlValue }
  | { readonly op: 'delete'; readonly path: TomlPath }
  | { readonly op: 'append'; readonly path: TomlPath; readonly value: TomlValue }
  | { readonly op: 'remove'; readonly path: TomlPath; readonly match: (item: unknown) => boolean };
