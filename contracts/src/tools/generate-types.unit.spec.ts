import { readFileSync } from 'node:fs';
import { GENERATED_FILE, generateTypes } from './generate-types';

describe('generated TypeScript types', () => {
  it('are up to date with the .avsc files (run `npx nx generate contracts` if not)', () => {
    expect(readFileSync(GENERATED_FILE, 'utf8')).toBe(generateTypes());
  });
});
