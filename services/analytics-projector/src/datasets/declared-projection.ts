import {
  type DatasetDeclaration,
  type FieldType,
  type TributaryCommon,
} from '@tributary/contracts';
import { date, dateTime, dimensionProvenance, finite, money, provenance } from '../row-values';

/** How a field of each kind becomes its column's JSONEachRow value (row-values.ts says why). */
const COLUMN_VALUE: {
  readonly [K in FieldType['kind']]: ((field: string, value: never) => unknown) | null;
} = {
  identifier: null,
  'sensor-id': null,
  text: null,
  email: null,
  currency: null,
  'one-of': null,
  integer: null,
  number: finite,
  money,
  day: date,
  timestamp: dateTime,
};

/**
 * The row a dataset's event becomes in its table, derived from the dataset's declaration: one
 * column per field, named like it (null stays null), then where the row came from; an entity's
 * row also carries what decides which of its versions wins (`dimensionProvenance`). A value its
 * column cannot hold throws `UnprojectableValueError`, naming the field.
 */
export function declaredRow<Event extends { readonly metadata: TributaryCommon.EventMetadata }>(
  declaration: DatasetDeclaration,
): (event: Event) => Record<string, unknown> {
  const columns = declaration.fields.map((field) => ({
    name: field.name,
    value: COLUMN_VALUE[field.type.kind] as ((field: string, value: unknown) => unknown) | null,
  }));
  const stamp = declaration.kind === 'entity' ? dimensionProvenance : provenance;
  return (event) => {
    const row: Record<string, unknown> = {};
    for (const { name, value } of columns) {
      const given = (event as unknown as Readonly<Record<string, unknown>>)[name] ?? null;
      row[name] = given === null || value === null ? given : value(name, given);
    }
    return Object.assign(row, stamp(event.metadata));
  };
}
