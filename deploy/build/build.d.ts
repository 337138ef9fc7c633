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
/** V8 heap flags of the units that have them (the Dockerfile's NODE_HEAP_OPTIONS). */
export const NODE_HEAP_OPTIONS: Record<string, string>;
/** A package-lock.json (v3): its `packages` entries by path. */
export interface Lockfile {
  packages: Record<string, Record<string, unknown>>;
}
/**
 * The lockfile entries installing `direct` needs (`keep`), and the optional peers of those that
 * the lockfile has but nothing requires (`optionalPeers`: lock key → the keys of who wants it).
 */
export function pruneLock(
  lock: Lockfile,
  direct: readonly string[],
): { keep: Map<string, Record<string, unknown>>; optionalPeers: Map<string, string[]> };
export function undecidedOptionalPeers(
  optionalPeers: Map<string, string[]>,
  notLoaded: readonly string[],
): { name: string; wantedBy: string[] }[];
export const ROOT: string;
export function build(unit: string, outDir?: string): BuildResult;
