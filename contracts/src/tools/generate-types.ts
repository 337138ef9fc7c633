/**
 * Writes src/generated/events.ts from the `.avsc` files. Run `npx nx generate contracts` after
 * changing a schema; a unit test fails while the committed file is out of date.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toTypeScript } from '@ovotech/avro-ts';
import { type Schema } from 'avsc';
import { TOPICS } from '../catalog';
import { LOGICAL_TYPE_TS_NAMES } from '../logical-types';
import { composeSchema, readSchemaFiles } from '../schemas';

export const GENERATED_FILE = join(__dirname, '..', 'generated', 'events.ts');

// avro-ts builds its output with TypeScript 4's factory API, which warns about its own
// deprecations on every run; the output is what matters, so those copies are told to be quiet.
for (const owner of ['@ovotech/avro-ts', '@ovotech/ts-compose']) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a nested copy, found at run time
  const typescript = require(
    require.resolve('typescript', { paths: [require.resolve(owner)] }),
  ) as {
    Debug: { enableDeprecationWarnings: boolean };
  };
  typescript.Debug.enableDeprecationWarnings = false;
}

export function generateTypes(): string {
  const files = readSchemaFiles();
  // One union of every event, composed with a shared set of defined names, so each named type
  // (the envelope, shared enums) is emitted once.
  const defined = new Set<string>();
  const union = TOPICS.map((spec) => {
    const file = files.find((f) => f.file === spec.schemaFile);
    if (!file) throw new Error(`${spec.topic}: no schema file ${spec.schemaFile}`);
    return composeSchema(file, files, defined);
  });
  const generated = toTypeScript(union as unknown as Schema, {
    logicalTypes: { ...LOGICAL_TYPE_TS_NAMES },
  });
  // avro-ts opens with a wrapped-union type for the top-level union, which is of no use here:
  // the topic map below is what producers and consumers type against.
  const namespaces = generated.replace(/^export type AvroType = [\s\S]*?\n};\n\n/m, '');
  const topicMap = TOPICS.map((spec) => {
    const dot = spec.event.lastIndexOf('.');
    const namespace = spec.event
      .slice(0, dot)
      .split('.')
      .map((part) => part[0]!.toUpperCase() + part.slice(1))
      .join('');
    return `    ${JSON.stringify(spec.topic)}: ${namespace}.${spec.event.slice(dot + 1)};`;
  });
  return [
    '// Generated from contracts/schemas by contracts/src/tools/generate-types.ts. Do not edit.',
    namespaces.trimEnd(),
    '',
    '/** The event each topic carries. */',
    'export interface TopicEvents {',
    ...topicMap,
    '}',
    '',
  ].join('\n');
}

if (require.main === module) {
  writeFileSync(GENERATED_FILE, generateTypes());
  process.stdout.write(`wrote ${GENERATED_FILE}\n`);
}
