// Builds the web console into dist/console (or the folder given as the first argument): one
// JavaScript and one CSS bundle, named by their content hash so the gateway can cache them for a
// year, and index.html, which names them and is never cached. No inline script or style anywhere:
// the gateway serves the console under a Content-Security-Policy that forbids both.
const { createHash } = require('node:crypto');
const { mkdirSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { gzipSync } = require('node:zlib');
const { join, relative, resolve } = require('node:path');
const esbuild = require('esbuild');

const ROOT = join(__dirname, '..', '..');
const SRC = join(__dirname, 'src');
const OUT = process.argv[2] ? resolve(process.argv[2]) : join(ROOT, 'dist', 'console');
const ASSETS = join(OUT, 'assets');

async function build() {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(ASSETS, { recursive: true });
  const result = await esbuild.build({
    entryPoints: { app: join(SRC, 'main.ts') },
    bundle: true,
    // The workspace library by its folder, not through npm's workspace link: the image's build
    // stage has no workspace install.
    alias: { '@tributary/contracts': join(ROOT, 'contracts') },
    minify: true,
    format: 'esm',
    target: ['chrome120', 'firefox120', 'safari16'],
    platform: 'browser',
    outdir: ASSETS,
    entryNames: '[name]-[hash]',
    assetNames: '[name]-[hash]',
    sourcemap: 'linked',
    metafile: true,
    legalComments: 'linked',
    logLevel: 'warning',
  });
  const outputs = Object.keys(result.metafile.outputs).map((file) => join(ROOT, file));
  const js = outputs.find((f) => /app-[A-Z0-9]+\.js$/.test(f));
  const css = outputs.find((f) => /app-[A-Z0-9]+\.css$/.test(f));
  if (!js || !css) throw new Error(`expected a JS and a CSS bundle, got ${outputs.join(', ')}`);
  const asset = (file) => `./assets/${relative(ASSETS, file)}`;
  // The bundles' integrity is pinned too: a tampered asset under the same name does not run.
  const sri = (file) =>
    `sha384-${createHash('sha384').update(readFileSync(file)).digest('base64')}`;
  const html = readFileSync(join(SRC, 'index.html'), 'utf8')
    .replace('@@CSS@@', `<link rel="stylesheet" href="${asset(css)}" integrity="${sri(css)}">`)
    .replace('@@JS@@', `<script type="module" src="${asset(js)}" integrity="${sri(js)}"></script>`);
  writeFileSync(join(OUT, 'index.html'), html);
  writeFileSync(join(OUT, 'favicon.svg'), readFileSync(join(SRC, 'favicon.svg')));
  const sizes = [js, css].map((file) => {
    const bytes = readFileSync(file);
    return `${relative(OUT, file)} ${(bytes.length / 1024).toFixed(1)} KB (${(gzipSync(bytes).length / 1024).toFixed(1)} KB gzip)`;
  });
  process.stdout.write(
    `console built into ${relative(process.cwd(), OUT) || '.'}: ${sizes.join(', ')}\n`,
  );
}

build().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
