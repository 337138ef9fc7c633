import { z } from 'zod';
import { env } from './config';
import { configTable, configVariables, withConfigTable } from './config-table';

describe('the configuration table of a schema', () => {
  const schema = z.object({
    PORT: env.port().describe('Where it listens.'),
    CHUNK: env.positiveInt().default(5_000).describe('Rows per chunk | per publish.'),
    FOLDER: env.string().optional().describe('A folder to watch.'),
  });

  it('says what each variable is when unset, as the schema makes it', () => {
    expect(configVariables(schema)).toEqual([
      {
        name: 'CHUNK',
        required: false,
        default: 5000,
        description: 'Rows per chunk | per publish.',
      },
      { name: 'FOLDER', required: false, description: 'A folder to watch.' },
      { name: 'PORT', required: true, description: 'Where it listens.' },
    ]);
  });

  it('renders them as Markdown, pipes escaped', () => {
    expect(configTable(schema)).toBe(
      [
        '| variable | when unset | what it is |',
        '| --- | --- | --- |',
        '| `CHUNK` | default `5000` | Rows per chunk \\| per publish. |',
        '| `FOLDER` | optional | A folder to watch. |',
        '| `PORT` | **required** | Where it listens. |',
      ].join('\n'),
    );
  });

  it('replaces what stands between the README’s markers, and refuses a README without them', () => {
    const start =
      '<!-- config table: generated from the config schema by `npm run docs:config` -->';
    const readme = `# s\n\n## Config\n\n${start}\n\nold\n\n<!-- end of config table -->\n\n## Tests\n`;
    expect(withConfigTable(readme, 'new')).toBe(
      `# s\n\n## Config\n\n${start}\n\nnew\n\n<!-- end of config table -->\n\n## Tests\n`,
    );
    expect(() => withConfigTable('# s\n', 'new')).toThrow(/no "<!-- config table/);
  });
});
