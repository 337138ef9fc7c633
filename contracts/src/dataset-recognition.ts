import { type DatasetDeclaration, type DatasetField } from './dataset-declaration';
import { DATASET_DECLARATIONS, type DatasetName } from './datasets';

/**
 * Recognising a dataset from a file's column names. file-ingest does it for a file uploaded
 * without a dataset; the web console does it to propose one from a file's header, with the same
 * functions, so the two cannot disagree. Plain data, no Node API: the console bundles this module.
 */

/**
 * How a column name is compared: case, spaces, `_` and `-` do not matter, so `userId`, `User ID`
 * and `user_id` are the same column.
 */
export const columnKey = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Column key → the field it names (aliases included). */
export function fieldsByColumnKey<F extends Pick<DatasetField, 'name' | 'aliases'>>(
  fields: readonly F[],
): Map<string, F> {
  const byKey = new Map<string, F>();
  for (const field of fields)
    for (const name of [field.name, ...field.aliases]) byKey.set(columnKey(name), field);
  return byKey;
}

const ALL: readonly DatasetDeclaration[] = Object.values(DATASET_DECLARATIONS);

export type Recognition<Name extends string = DatasetName> =
  { readonly ok: true; readonly dataset: Name } | { readonly ok: false; readonly reason: string };

/**
 * Recognises a dataset from a file's column names: the datasets whose required columns are all
 * present, ranked by how many of the columns they know. Refuses to guess between equals.
 * `among` is the nine datasets unless a caller (a test adding one) says otherwise.
 */
export function recognizeDataset(columns: readonly string[]): Recognition;
export function recognizeDataset<Name extends string>(
  columns: readonly string[],
  among: readonly DatasetDeclaration<Name>[],
): Recognition<Name>;
export function recognizeDataset(
  columns: readonly string[],
  among: readonly DatasetDeclaration[] = ALL,
): Recognition<string> {
  const keys = new Set(columns.map(columnKey));
  const candidates = among
    .map(({ name, fields }) => {
      const byKey = fieldsByColumnKey(fields);
      const known = new Set([...keys].flatMap((k) => byKey.get(k)?.name ?? []));
      const complete = fields.every((c) => !c.required || known.has(c.name));
      return { name, complete, known: known.size };
    })
    .filter((c) => c.complete)
    .sort((a, b) => b.known - a.known);
  const [best, second] = candidates;
  if (!best)
    return {
      ok: false,
      reason: `cannot tell the dataset from the columns ${columns.map((c) => JSON.stringify(c)).join(', ')}: name it with the file`,
    };
  if (second && second.known === best.known)
    return {
      ok: false,
      reason: `the columns fit both ${best.name} and ${second.name}: name the dataset with the file`,
    };
  return { ok: true, dataset: best.name };
}
