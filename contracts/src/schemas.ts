import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Where the `.avsc` files live: the single source of truth for every event. */
export const SCHEMAS_DIR = join(__dirname, '..', 'schemas');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type AvroSchema = Json;

const PRIMITIVES = new Set([
  'null',
  'boolean',
  'int',
  'long',
  'float',
  'double',
  'bytes',
  'string',
]);

function fullName(node: { [key: string]: Json }, namespace: string | undefined): string {
  const name = String(node['name']);
  if (name.includes('.')) return name;
  const ns = typeof node['namespace'] === 'string' ? node['namespace'] : namespace;
  return ns ? `${ns}.${name}` : name;
}

function listAvsc(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory()
        ? listAvsc(join(dir, entry.name))
        : entry.name.endsWith('.avsc')
          ? [join(dir, entry.name)]
          : [],
    )
    .sort();
}

export interface SchemaFile {
  /** Path relative to `schemas/`, e.g. `telemetry/sensor-reading-recorded.avsc`. */
  file: string;
  /** Full name of the file's top-level type, e.g. `tributary.telemetry.SensorReadingRecorded`. */
  name: string;
  schema: { [key: string]: Json };
}

/** Every `.avsc` file, parsed, by file. */
export function readSchemaFiles(dir: string = SCHEMAS_DIR): SchemaFile[] {
  return listAvsc(dir).map((path) => {
    const schema = JSON.parse(readFileSync(path, 'utf8')) as { [key: string]: Json };
    return { file: relative(dir, path), name: fullName(schema, undefined), schema };
  });
}

/**
 * Makes an event schema self-contained: a reference to a named type defined in another file (the
 * shared envelope, a shared enum) is replaced by that type's definition at its first use, and
 * stays a reference after that, as Avro requires. What is registered is this composed form, so
 * any Confluent-compatible tool reads it without schema references.
 */
export function composeSchema(
  root: SchemaFile,
  files: readonly SchemaFile[],
  defined: Set<string> = new Set(),
): AvroSchema {
  const byName = new Map(files.map((f) => [f.name, f]));

  function visit(node: Json, namespace: string | undefined): Json {
    if (typeof node === 'string') {
      if (PRIMITIVES.has(node)) return node;
      const name = node.includes('.') || !namespace ? node : `${namespace}.${node}`;
      if (defined.has(name)) return name;
      const shared = byName.get(name) ?? byName.get(node);
      if (!shared) throw new Error(`${root.file}: unknown type ${node}`);
      return visit(shared.schema, undefined);
    }
    if (Array.isArray(node)) return node.map((item) => visit(item, namespace));
    if (node === null || typeof node !== 'object') return node;

    const type = node['type'];
    if (
      (type === 'record' || type === 'enum' || type === 'fixed') &&
      typeof node['name'] === 'string'
    ) {
      const name = fullName(node, namespace);
      defined.add(name);
      const ns = name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : undefined;
      const out: { [key: string]: Json } = { ...node, name: name.slice(name.lastIndexOf('.') + 1) };
      if (ns) out['namespace'] = ns;
      if (type === 'record') {
        out['fields'] = (node['fields'] as { [key: string]: Json }[]).map((field) => ({
          ...field,
          type: visit(field['type']!, ns),
        }));
      }
      return out;
    }
    if (type === 'array') return { ...node, items: visit(node['items']!, namespace) };
    if (type === 'map') return { ...node, values: visit(node['values']!, namespace) };
    if (typeof type === 'string' || Array.isArray(type))
      return { ...node, type: visit(type, namespace) };
    return node;
  }

  return visit(root.schema, undefined);
}
