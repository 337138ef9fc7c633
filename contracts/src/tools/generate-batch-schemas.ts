/**
 * Writes the batch schemas (batches.ts) beside their events' `.avsc` files. Run
 * `npm run generate:batch-schemas` after changing a batched event's schema; a unit test fails
 * while a committed batch schema is out of date.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { batchSchemaText } from '../batches';
import { BATCHED_TOPICS, batchTopicSpecOf, topicSpec } from '../catalog';
import { readSchemaFiles, SCHEMAS_DIR } from '../schemas';

/** Each batch schema's file (relative to contracts/schemas) and text. */
export function batchSchemaFiles(): { file: string; text: string }[] {
  const files = readSchemaFiles();
  return BATCHED_TOPICS.map((topic) => {
    const spec = topicSpec(topic);
    const source = files.find((f) => f.file === spec.schemaFile)!;
    return { file: batchTopicSpecOf(spec).schemaFile, text: batchSchemaText(source) };
  });
}

if (require.main === module) {
  for (const { file, text } of batchSchemaFiles()) {
    writeFileSync(join(SCHEMAS_DIR, file), text);
    process.stdout.write(`wrote contracts/schemas/${file}\n`);
  }
}
