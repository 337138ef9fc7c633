import { type z } from 'zod';
import { secretsOf } from './config';

/** One environment variable of a service, as its config schema defines it. */
export interface ConfigVariable {
  readonly name: string;
  /** Required: the service refuses to start without it. */
  readonly required: boolean;
  /** The value it takes when unset (what the schema produces), if it has one. */
  readonly default?: unknown;
  readonly description: string;
}

type ObjectSchema = z.ZodObject<Record<string, z.ZodType>>;

/**
 * The variables of a config schema, read from the schema itself: what a variable is when unset is
 * what the schema makes of `undefined` (a default, nothing, or a failure: required), so a default
 * is stated once, in the schema, and every table of them is derived.
 */
export function configVariables(schema: ObjectSchema): ConfigVariable[] {
  const secrets = secretsOf(schema);
  return Object.entries(schema.shape)
    .map(([name, field]) => {
      const unset = field.safeParse(undefined);
      const description = field.description ?? '';
      return {
        name,
        required: !unset.success,
        ...(unset.success && unset.data !== undefined ? { default: unset.data } : {}),
        description: secrets.has(name)
          ? `${description}${description === '' || /[.)]$/.test(description) ? '' : ';'} Secret: or read from the file \`${name}_FILE\` names; with NODE_ENV=production at least 16 characters, 8 different${secrets.get(name) === 'url' ? ' (its password, which it must carry)' : ''}.`.trim()
          : description,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The variables as a Markdown table: name, required or default, what it is. */
export function configTable(schema: ObjectSchema): string {
  const rows = configVariables(schema).map((v) => {
    const when =
      'default' in v
        ? `default \`${typeof v.default === 'object' ? JSON.stringify(v.default) : String(v.default)}\``
        : v.required
          ? '**required**'
          : 'optional';
    return `| \`${v.name}\` | ${cell(when)} | ${cell(v.description)} |`;
  });
  return ['| variable | when unset | what it is |', '| --- | --- | --- |', ...rows].join('\n');
}

/** The markers between which a README holds its service's generated table. */
export const CONFIG_TABLE_START =
  '<!-- config table: generated from the config schema by `npm run docs:config` -->';
export const CONFIG_TABLE_END = '<!-- end of config table -->';

/** `readme` with the text between the markers replaced by `table`; throws when they are missing. */
export function withConfigTable(readme: string, table: string): string {
  const start = readme.indexOf(CONFIG_TABLE_START);
  const end = readme.indexOf(CONFIG_TABLE_END);
  if (start < 0 || end < start)
    throw new Error(`no "${CONFIG_TABLE_START}" … "${CONFIG_TABLE_END}"`);
  return `${readme.slice(0, start + CONFIG_TABLE_START.length)}\n\n${table}\n\n${readme.slice(end)}`;
}
