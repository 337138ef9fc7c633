import { markdownTable } from './catalog-table';
import { type DatasetDeclaration, type DatasetField, type FieldType } from './dataset-declaration';
import { DATASET_DECLARATIONS } from './datasets';

const kind = (type: FieldType): string =>
  type.kind === 'text'
    ? `text ≤ ${type.maxLength}`
    : type.kind === 'one-of'
      ? `one of ${type.values.join(', ')}`
      : type.kind;

/** A field's rules as the table shows them: what refuses a row, then what the quality report counts. */
function rule(declaration: DatasetDeclaration, field: DatasetField): string {
  const parts: string[] = [];
  if (field.type.kind === 'email') parts.push('refused unless an e-mail address');
  if (field.bounds) parts.push(`refused outside ${field.bounds.min} … ${field.bounds.max}`);
  for (const row of declaration.rules) {
    if (row.kind === 'not-before' && row.field === field.name)
      parts.push(`refused when before ${row.other}`);
    if (row.kind === 'required-with' && row.field === field.name)
      parts.push(`required when ${row.when} is given`);
    if (row.kind === 'any-of' && row.fields[0] === field.name)
      parts.push(`refused unless one of ${row.fields.join(', ')} is given`);
  }
  const expected = field.expected;
  if (expected?.min !== undefined)
    parts.push(`counted when ${expected.minExclusive ? '≤' : '<'} ${expected.min}`);
  if (expected?.max !== undefined) parts.push(`counted when > ${expected.max}`);
  if (field.references) parts.push(`names a ${field.references} key`);
  if (field.personal) parts.push(`personal (${field.personal}): masked without read:personal`);
  return parts.join('; ');
}

/**
 * The datasets' fields as the Markdown table contracts/README.md shows (a test keeps them equal):
 * each field's kind, whether a row needs it, the other column names accepted for it, its rule.
 */
export function datasetTable(
  declarations: readonly DatasetDeclaration[] = Object.values(DATASET_DECLARATIONS),
): string {
  return markdownTable(
    ['dataset', 'field', 'kind', 'required', 'also accepted', 'rule'],
    declarations.flatMap((declaration) =>
      declaration.fields.map((field) => [
        `\`${declaration.name}\``,
        `\`${field.name}\``,
        kind(field.type),
        field.required ? 'yes' : '',
        field.aliases.join(', '),
        rule(declaration, field),
      ]),
    ),
  );
}
