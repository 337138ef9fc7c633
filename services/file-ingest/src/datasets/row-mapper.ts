import {
  columnKey,
  fieldsByColumnKey,
  recognizeDataset,
  type DatasetDeclaration,
  type TributaryCommon,
  TributaryError,
} from '@tributary/contracts';
import { type RawRecord, type RawValue } from '../formats/record-reader';
import { type DatasetName, type DatasetSpec, type FieldSpec } from './datasets';

/** A row that became an event, or every reason it could not. */
export type MappedRow<D extends string> =
  { ok: true; event: ReturnType<DatasetSpec<D>['toEvent']> } | { ok: false; reasons: string[] };

/** Builds the envelope of a row's event; the mapper supplies when the fact happened. */
export type MetadataFor = (
  rowNumber: number,
  occurredAt: Date | null,
) => TributaryCommon.EventMetadata;

/** The file's columns do not fit the dataset: the whole file is refused, with the fix in the message. */
export class ColumnsMismatchError extends TributaryError {
  constructor(message: string) {
    super('INGEST.COLUMNS_MISMATCH', message);
  }
}

/**
 * Maps a file's rows to one dataset's events. Column names are resolved once per distinct set of
 * names (every row of a CSV or XLSX file shares one; JSON objects may differ), so per-row work is
 * the parsing alone. Columns the dataset does not know are ignored.
 */
export class RowMapper<D extends string> {
  private readonly byKey: Map<string, FieldSpec>;
  private readonly resolved = new Map<string, FieldSpec | null>();

  constructor(
    readonly spec: DatasetSpec<D>,
    private readonly metadataFor: MetadataFor,
  ) {
    this.byKey = fieldsByColumnKey(spec.fields);
  }

  /**
   * Checks a header (a tabular file's first row): every required field must have a column, and
   * no field two. Throws with the accepted names of what is missing.
   */
  checkColumns(columns: readonly string[]): void {
    const seen = new Map<string, string>();
    for (const column of columns) {
      const field = this.byKey.get(columnKey(column));
      if (!field) continue;
      const other = seen.get(field.name);
      if (other !== undefined)
        throw new ColumnsMismatchError(
          `columns "${other}" and "${column}" both mean ${field.name}: keep one`,
        );
      seen.set(field.name, column);
    }
    const missing = this.spec.fields.filter((f) => f.required && !seen.has(f.name));
    if (missing.length > 0) {
      throw new ColumnsMismatchError(
        `the file's columns do not fit ${this.spec.name}: missing ${missing
          .map((f) => (f.aliases.length ? `${f.name} (or ${f.aliases.join(', ')})` : f.name))
          .join('; ')}; found ${columns.map((c) => JSON.stringify(c)).join(', ')}`,
      );
    }
  }

  private fieldOf(column: string): FieldSpec | null {
    let field = this.resolved.get(column);
    if (field === undefined) {
      field = this.byKey.get(columnKey(column)) ?? null;
      this.resolved.set(column, field);
    }
    return field;
  }

  map(record: RawRecord): MappedRow<D> {
    if (record.error) return { ok: false, reasons: [record.error] };
    const row: Record<string, unknown> = {};
    // Allocated only for a row that has problems: most rows have none, and this runs per row.
    // (Typed by cast: assigned in `report`, which the compiler's narrowing does not follow.)
    let reasons = null as string[] | null;
    let reported = null as Set<string> | null;
    const report = (field: string, reason: string) => {
      (reasons ??= []).push(`${field}: ${reason}`);
      (reported ??= new Set()).add(field);
    };
    const { values } = record;
    // Own keys only, as Object.entries would: the readers build plain objects.
    for (const column in values) {
      const field = this.fieldOf(column);
      if (!field) continue;
      if (field.name in row) {
        report(field.name, `given twice (as "${column}" too)`);
        continue;
      }
      const parsed = field.parse(values[column] as RawValue);
      if (parsed.ok) row[field.name] = parsed.value;
      else {
        row[field.name] = null;
        report(field.name, parsed.reason);
      }
    }
    for (const field of this.spec.fields) {
      const value = row[field.name];
      if (value === undefined) row[field.name] = null;
      if (field.required && (value ?? null) === null && !reported?.has(field.name))
        report(field.name, 'is required');
    }
    if (reasons === null) {
      const broken = this.spec.check(row);
      if (broken.length > 0) reasons = broken;
    }
    if (reasons !== null) return { ok: false, reasons };
    const metadata = this.metadataFor(record.rowNumber, this.spec.occurredAt(row));
    return { ok: true, event: this.spec.toEvent(row, metadata) };
  }
}

/**
 * Recognises a dataset from a file's column names, by the contracts' rule (`recognizeDataset`,
 * which the console uses too to propose a dataset before an upload), among the nine unless told.
 */
export function detectDataset(columns: readonly string[]): DatasetName;
export function detectDataset<Name extends string>(
  columns: readonly string[],
  among: readonly DatasetDeclaration<Name>[],
): Name;
export function detectDataset(
  columns: readonly string[],
  among?: readonly DatasetDeclaration[],
): string {
  const recognition = among ? recognizeDataset(columns, among) : recognizeDataset(columns);
  if (!recognition.ok) throw new ColumnsMismatchError(recognition.reason);
  return recognition.dataset;
}
