/** Types of build.js (plain CommonJS, so the Dockerfile runs it without a TypeScript runtime). */
export interface BuildResult {
  unit: string;
  /** Absolute path of the unit's build. */
  out: string;
  /** package.json's `main`: the compiled entry point, relative to `out`. */
  main: string;
  /** Source files compiled or copied, relative to the repository. */
  files: string[];
  /** Non-TypeScript files copied from the projects' src/ and contracts/schemas. */
  assets: string[];
  /** npm packages the compiled code requires, at the lockfile's versions. */
  dependencies: Record<string, string>;
  lockedPackages: number;
}
export const UNITS: Record<string, string>;
export const ROOT: string;
export function build(unit: string, outDir?: string): BuildResult;
