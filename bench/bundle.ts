// Both decoders as plain JavaScript: our protocol core bundled by esbuild with the extension build's target (as it
// ships), and the glue that chains the official parsers, bundled the same way. Neither goes through tsx's
// transform, which wraps every closure in a `__name` call (that alone cost our decoder ~40% under tsx).
import { mkdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = new URL('../.tmp/bench/', import.meta.url);

export type Protocol = typeof import('../src/protocol/index.ts');
export type Official = typeof import('./official.ts');

/**
 * Builds .tmp/bench/{protocol,official}.mjs and imports them. `protocolEntry` may point at another copy of
 * src/protocol/index.ts (a worktree with a candidate optimisation) to compare it on the same corpus.
 */
export async function loadDecoders(
  protocolEntry = 'src/protocol/index.ts',
): Promise<{ protocol: Protocol; official: Official }> {
  mkdirSync(OUT, { recursive: true });
  await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: { protocol: protocolEntry, official: 'bench/official.ts' },
    outdir: fileURLToPath(OUT),
    outExtension: { '.js': '.mjs' },
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: ['chrome111', 'firefox140', 'node20'],
    legalComments: 'none',
    logLevel: 'warning',
  });
  const load = (name: string) => import(pathToFileURL(fileURLToPath(new URL(`${name}.mjs`, OUT))).href);
  return { protocol: (await load('protocol')) as Protocol, official: (await load('official')) as Official };
}
