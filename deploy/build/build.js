#!/usr/bin/env node
// The production build of one deployable unit (a service, or the provisioning job): what goes
// into its image and nothing else.
//
//   node deploy/build/build.js <unit> [--out <dir>]      (default out: dist/images/<unit>)
//
// It compiles with swc (decorator metadata included: Nest's dependency injection reads it, which
// is why this is not esbuild) only the TypeScript files reachable from the unit's entry point,
// following imports through the workspace libraries (`@tributary/platform`,
// `@tributary/contracts`), whose imports are rewritten to relative paths. The repository layout
// is kept under `app/`, so code that finds its files next to itself (`contracts/schemas`, the
// ClickHouse migrations) finds them in the image too. It writes a package.json whose
// `dependencies` are exactly the npm packages the compiled code requires, pinned to the versions
// of the root package-lock.json, and a package-lock.json pruned from the root one to their
// closure, so `npm ci --omit=dev` installs the same versions the tests ran against, and only those.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { builtinModules } = require('node:module');
const { spawnSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..', '..');

/** Each deployable unit and its entry point; the image runs `node .` on the built entry. */
const UNITS = {
  gateway: 'services/gateway/src/main.ts',
  'sensor-ingest': 'services/sensor-ingest/src/main.ts',
  'file-ingest': 'services/file-ingest/src/main.ts',
  'analytics-projector': 'services/analytics-projector/src/main.ts',
  'directory-projector': 'services/directory-projector/src/main.ts',
  provision: 'services/platform/src/tools/provision.ts',
};

/**
 * V8 heap flags a unit runs with, in its image (the Dockerfile's NODE_HEAP_OPTIONS, passed by
 * deploy/images/build.sh) and under scripts/services.sh. file-ingest: Node's default young
 * generation here is 2 × 64 MiB and its old generation grows to ~4× the live ~60 MB before a
 * full collection (peak RSS ~520 MB on a 1M-row CSV); these keep it under 250 MB for ~40% more
 * of its CPU per row (services/file-ingest/README.md, "Memory").
 */
const NODE_HEAP_OPTIONS = {
  'file-ingest': '--max-semi-space-size=16 --max-old-space-size=160',
};

/** Workspace libraries: import name → the folder its `src/index.ts` lives in. */
const WORKSPACE_LIBS = {
  '@tributary/platform': 'services/platform',
  '@tributary/contracts': 'contracts',
  '@tributary/read-models': 'services/read-models',
};

/**
 * What a unit serves that another project builds: the command (run from the repository's root
 * with the target folder as its argument) and where it lands in the build, relative to the
 * image's working folder. The gateway serves the web console from `CONSOLE_DIR`, whose default
 * (`dist/console`) is this folder in the image.
 */
const BUNDLES = {
  gateway: [{ script: 'services/console/build.js', out: 'dist/console' }],
};

/** Files beside the code that the code reads at run time, copied as they are. */
const ASSET_DIRS = ['contracts/schemas'];

const BUILTINS = new Set(builtinModules);

function swcOptions() {
  return {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2023',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: true,
    swcrc: false,
    configFile: false,
  };
}

function resolveTs(fromFile, spec) {
  const base = path.resolve(path.dirname(fromFile), spec);
  for (const candidate of [base, `${base}.ts`, path.join(base, 'index.ts')]) {
    if (candidate.endsWith('.ts') && fs.existsSync(candidate) && fs.statSync(candidate).isFile())
      return candidate;
  }
  if (fs.existsSync(base) && fs.statSync(base).isFile()) return base; // e.g. a .json file
  throw new Error(`${path.relative(ROOT, fromFile)}: cannot resolve "${spec}"`);
}

const packageName = (spec) =>
  spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];

const outPathOf = (outApp, file) =>
  path.join(outApp, path.relative(ROOT, file)).replace(/\.ts$/, '.js');

function relativeRequire(fromOut, toOut) {
  let rel = path.relative(path.dirname(fromOut), toOut).replace(/\.js$/, '');
  if (!rel.startsWith('.')) rel = `./${rel}`;
  return rel.split(path.sep).join('/');
}

/**
 * Compiles every file reachable from `entry` into `outApp`; returns the npm packages required
 * and the files written (relative to the repository).
 */
function compile(entry, outApp) {
  const swc = require('@swc/core');
  const packages = new Set();
  const done = new Set();
  const queue = [path.join(ROOT, entry)];
  while (queue.length > 0) {
    const file = queue.pop();
    if (done.has(file)) continue;
    done.add(file);
    const out = outPathOf(outApp, file);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    if (!file.endsWith('.ts')) {
      fs.copyFileSync(file, out);
      continue;
    }
    if (/\.(unit|int|e2e)\.spec\.ts$/.test(file))
      throw new Error(`${path.relative(ROOT, file)}: a test file is reachable from ${entry}`);
    const result = swc.transformFileSync(file, { ...swcOptions(), filename: file });
    const code = result.code.replace(/require\("([^"]+)"\)/g, (whole, spec) => {
      if (spec.startsWith('.')) {
        const target = resolveTs(file, spec);
        queue.push(target);
        return `require(${JSON.stringify(relativeRequire(out, outPathOf(outApp, target)))})`;
      }
      const lib = WORKSPACE_LIBS[spec];
      if (lib) {
        const target = path.join(ROOT, lib, 'src', 'index.ts');
        queue.push(target);
        return `require(${JSON.stringify(relativeRequire(out, outPathOf(outApp, target)))})`;
      }
      if (Object.keys(WORKSPACE_LIBS).some((name) => spec.startsWith(`${name}/`)))
        throw new Error(
          `${path.relative(ROOT, file)}: deep import "${spec}" of a workspace library`,
        );
      if (!spec.startsWith('node:') && !BUILTINS.has(spec)) packages.add(packageName(spec));
      return whole;
    });
    fs.writeFileSync(out, `${code}\n//# sourceMappingURL=${path.basename(out)}.map\n`);
    const map = JSON.parse(result.map);
    map.sources = [path.relative(path.dirname(out), file).split(path.sep).join('/')];
    fs.writeFileSync(`${out}.map`, JSON.stringify(map));
  }
  return { packages, files: [...done].map((file) => path.relative(ROOT, file)).sort() };
}

/** Copies `src/**` files that are not TypeScript (SQL migrations) of each project compiled. */
function copyAssets(files, outApp) {
  const projects = new Set(
    files.map((file) =>
      file
        .split('/')
        .slice(0, file.startsWith('services/') ? 2 : 1)
        .join('/'),
    ),
  );
  const copied = [];
  const copyTree = (from) => {
    for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
      const source = path.join(from, entry.name);
      if (entry.isDirectory()) copyTree(source);
      else if (!entry.name.endsWith('.ts') || from.includes(`${path.sep}schemas`)) {
        const target = path.join(outApp, path.relative(ROOT, source));
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.copyFileSync(source, target);
        copied.push(path.relative(ROOT, source));
      }
    }
  };
  for (const project of projects) copyTree(path.join(ROOT, project, 'src'));
  for (const dir of ASSET_DIRS)
    if (files.some((file) => file.startsWith(dir.split('/')[0]))) copyTree(path.join(ROOT, dir));
  return copied.sort();
}

/**
 * The root lockfile's entries needed to install `direct` (package names), with their transitive
 * dependencies, optional dependencies and required peers resolved the way Node resolves them (the
 * nearest `node_modules` up the tree). Optional peers are not followed: a package that loads one
 * only when present (`@nestjs/swagger` → `@fastify/static`) gets it in the workspace, where npm
 * hoisted it, but not in an image that lists only what the code imports. Each one the workspace
 * has is returned in `optionalPeers`, for the unit to say whether it is loaded at run time.
 */
function pruneLock(lock, direct) {
  const entries = lock.packages;
  const keep = new Map();
  const optionalPeers = new Map();
  const find = (fromKey, name) => {
    let dir = fromKey;
    for (;;) {
      const key = dir ? `${dir}/node_modules/${name}` : `node_modules/${name}`;
      if (entries[key] && !entries[key].link) return key;
      if (!dir) return undefined;
      const at = dir.lastIndexOf('/node_modules/');
      dir = at < 0 ? '' : dir.slice(0, at);
    }
  };
  const visit = (key) => {
    if (keep.has(key)) return;
    const entry = entries[key];
    keep.set(key, entry);
    const wanted = {
      ...entry.peerDependencies,
      ...entry.optionalDependencies,
      ...entry.dependencies,
    };
    for (const name of Object.keys(wanted)) {
      const found = find(key, name);
      const declared =
        name in (entry.dependencies ?? {}) || name in (entry.optionalDependencies ?? {});
      if (!declared && entry.peerDependenciesMeta?.[name]?.optional) {
        if (found) optionalPeers.set(found, [...(optionalPeers.get(found) ?? []), key]);
        continue;
      }
      if (found) visit(found);
      else if (!(entry.optionalDependencies && name in entry.optionalDependencies))
        throw new Error(`package-lock.json: ${key} needs ${name}, which the lockfile lacks`);
    }
  };
  for (const name of direct) {
    const key = `node_modules/${name}`;
    if (!entries[key]) throw new Error(`package-lock.json has no ${name}: add it to package.json`);
    visit(key);
  }
  for (const key of keep.keys()) optionalPeers.delete(key);
  return { keep, optionalPeers };
}

const nameOfKey = (key) => key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);

/** The optional peers (from `pruneLock`) the unit has not said it leaves out, with who wants them. */
function undecidedOptionalPeers(optionalPeers, notLoaded) {
  return [...optionalPeers]
    .map(([key, wantedBy]) => ({ name: nameOfKey(key), wantedBy: wantedBy.map(nameOfKey) }))
    .filter(({ name }) => !notLoaded.includes(name));
}

/**
 * What the unit's package.json (`tributaryImage`) says of the packages its code does not import:
 * `loadedAtRunTime` are installed in its image (a library loads them by name), `notLoaded` are
 * left out on purpose. Each maps a package to the reason, so the decision is read where it is made.
 */
function imageDecisions(unit) {
  const manifestPath = path.join(ROOT, UNITS[unit].split('/src/')[0], 'package.json');
  const decisions = JSON.parse(fs.readFileSync(manifestPath, 'utf8')).tributaryImage?.[unit] ?? {};
  const loaded = Object.keys(decisions.loadedAtRunTime ?? {});
  const notLoaded = Object.keys(decisions.notLoaded ?? {});
  const both = loaded.filter((name) => notLoaded.includes(name));
  if (both.length > 0)
    throw new Error(`${path.relative(ROOT, manifestPath)}: ${both.join(', ')} both loaded and not`);
  return { manifestPath: path.relative(ROOT, manifestPath), loaded, notLoaded };
}

function build(unit, outDir) {
  const entry = UNITS[unit];
  if (!entry) throw new Error(`unknown unit "${unit}"; one of: ${Object.keys(UNITS).join(', ')}`);
  const out = path.resolve(outDir ?? path.join(ROOT, 'dist', 'images', unit));
  fs.rmSync(out, { recursive: true, force: true });
  const outApp = path.join(out, 'app');
  const { packages, files } = compile(entry, outApp);
  const assets = copyAssets(files, outApp);
  for (const bundle of BUNDLES[unit] ?? []) {
    const built = spawnSync(process.execPath, [bundle.script, path.join(out, bundle.out)], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    if (built.status !== 0)
      throw new Error(`${bundle.script} failed: ${built.stderr || built.stdout || built.error}`);
  }

  const rootPackage = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8'));
  const decisions = imageDecisions(unit);
  const direct = [...new Set([...packages, ...decisions.loaded])].sort();
  for (const name of direct)
    if (!rootPackage.dependencies?.[name])
      throw new Error(
        `${unit} requires "${name}", which is not in the root package.json's dependencies` +
          (rootPackage.devDependencies?.[name] ? ' (only in devDependencies)' : ''),
      );
  const dependencies = Object.fromEntries(
    direct.map((name) => [name, lock.packages[`node_modules/${name}`].version]),
  );
  const main = path.relative(out, outPathOf(outApp, path.join(ROOT, entry)));
  const manifest = {
    name: `@tributary/${unit}-image`,
    version: rootPackage.version,
    private: true,
    description: `The production build of ${unit} (deploy/build/build.js); run with \`node .\`.`,
    license: rootPackage.license,
    engines: rootPackage.engines,
    main: main.split(path.sep).join('/'),
    dependencies,
  };
  const { keep: kept, optionalPeers } = pruneLock(lock, direct);
  const undecided = undecidedOptionalPeers(optionalPeers, decisions.notLoaded);
  // The build fails on a package the workspace has and the image would not, unless the unit said
  // it is not loaded: otherwise it works in every test and is missing only in the pod.
  if (undecided.length > 0)
    throw new Error(
      `${unit}: these packages are loaded only if present, the workspace has them and the image ` +
        `would not: ${undecided.map(({ name, wantedBy }) => `${name} (optional peer of ${wantedBy.join(', ')})`).join('; ')}. ` +
        `Say for each whether ${unit} loads it at run time: ${decisions.manifestPath}, ` +
        `"tributaryImage": {"${unit}": {"loadedAtRunTime" | "notLoaded": {"<package>": "<why>"}}}`,
    );
  const packagesOut = {
    '': {
      name: manifest.name,
      version: manifest.version,
      license: manifest.license,
      engines: manifest.engines,
      dependencies,
    },
  };
  for (const key of [...kept.keys()].sort()) {
    // Dev flags describe the root project's tree; here every kept entry is a production one.
    const entry = { ...kept.get(key) };
    delete entry.dev;
    delete entry.devOptional;
    packagesOut[key] = entry;
  }
  fs.writeFileSync(path.join(out, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  fs.writeFileSync(
    path.join(out, 'package-lock.json'),
    `${JSON.stringify({ name: manifest.name, version: manifest.version, lockfileVersion: 3, requires: true, packages: packagesOut }, null, 2)}\n`,
  );
  return { unit, out, main: manifest.main, files, assets, dependencies, lockedPackages: kept.size };
}

module.exports = { build, pruneLock, undecidedOptionalPeers, UNITS, NODE_HEAP_OPTIONS, ROOT };

if (require.main === module) {
  const args = process.argv.slice(2);
  const outAt = args.indexOf('--out');
  const outDir = outAt >= 0 ? args[outAt + 1] : undefined;
  const units = args.filter((arg, i) => !arg.startsWith('--') && (outAt < 0 || i !== outAt + 1));
  if (units.length !== 1) {
    process.stderr.write(
      `usage: node deploy/build/build.js <${Object.keys(UNITS).join('|')}> [--out <dir>]\n`,
    );
    process.exit(2);
  }
  try {
    const result = build(units[0], outDir);
    process.stdout.write(
      `${result.unit}: ${result.files.length} files compiled, ${result.assets.length} assets, ` +
        `${Object.keys(result.dependencies).length} direct dependencies (${result.lockedPackages} locked) → ${path.relative(process.cwd(), result.out) || '.'}\n`,
    );
  } catch (error) {
    process.stderr.write(
      `build failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  }
}
