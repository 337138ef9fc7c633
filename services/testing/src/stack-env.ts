import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Fills process.env from the stack's endpoint file (written by scripts/stack/up.sh), without
 * overriding anything already set, so `npx jest <file>` works as well as `npm test`.
 */
export function loadStackEnv(root: string = join(__dirname, '..', '..', '..')): void {
  const home = process.env['TRIBUTARY_HOME'] ?? join(root, '.tributary');
  const file = join(home, 'stack.env');
  if (!existsSync(file)) return;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const match = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (match && process.env[match[1]!] === undefined) process.env[match[1]!] = match[2]!;
  }
}
