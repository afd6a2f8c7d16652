// Builds the loadable extension into dist/: type-checks, bundles src/ with esbuild, copies the static files and
// the manifest. Flags: --release (minified, no sourcemaps), --watch (rebuild on change, skips the type-check),
// --debug (`__DEBUG__` on: each hop logs what crosses it, see src/debug.ts; off by default and in release).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const release = process.argv.includes('--release');
const watch = process.argv.includes('--watch');
const debug = process.argv.includes('--debug') && !release;

const entryPoints = {
  hook: 'src/page/hook.ts',
  relay: 'src/content/relay.ts',
  background: 'src/background/index.ts',
  devtools: 'src/devtools/index.ts',
  panel: 'src/panel/index.tsx',
  options: 'src/options/index.tsx',
};

function typecheck() {
  const projects = ['tsconfig.json', 'src/protocol/tsconfig.json', 'test/tsconfig.json', 'bench/tsconfig.json'].filter(
    (project) => existsSync(join(root, project)),
  );
  for (const project of projects) {
    const result = spawnSync(
      process.execPath,
      [join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', project],
      {
        cwd: root,
        stdio: 'inherit',
      },
    );
    if (result.status !== 0) process.exit(result.status ?? 1);
  }
}

function copyStatic() {
  cpSync(join(root, 'extension'), dist, { recursive: true, filter: (source) => !/\.m?js$/.test(source) });
  const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8'));
  manifest.version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
  writeFileSync(join(dist, 'manifest.json'), JSON.stringify(manifest, null, 2));
}

const options = {
  absWorkingDir: root,
  entryPoints,
  outdir: dist,
  bundle: true,
  format: 'iife',
  target: ['chrome111', 'firefox140'],
  minify: release,
  sourcemap: release ? false : 'linked',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  legalComments: 'none',
  define: { __DEBUG__: String(debug) },
  logLevel: 'warning',
};

if (!watch) typecheck();
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
copyStatic();
if (watch) {
  const context = await esbuild.context({
    ...options,
    plugins: [{ name: 'static', setup: (build) => build.onEnd(() => copyStatic()) }],
  });
  await context.watch();
  console.log(`watching src/ and extension/, writing ${dist}`);
} else {
  await esbuild.build(options);
  console.log(`built ${release ? 'release' : debug ? 'debug' : 'development'} extension in ${dist}`);
}
