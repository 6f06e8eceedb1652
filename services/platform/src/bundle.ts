import { readFile } from 'node:fs/promises';
import { isBuiltin } from 'node:module';
import { pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';

/**
 * Cadran's own TypeScript only: every package from node_modules stays where it is, imported by
 * its resolved file, and `import.meta.url` keeps the address of the source file it is written in
 * (files read beside the source, such as the GraphQL schema or the console's dist, and
 * `createRequire` are found as under tsx).
 */
const cadranSourcesOnly: Plugin = {
  name: 'cadran-sources-only',
  setup(esbuild) {
    esbuild.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData === 'resolving' || args.path.startsWith('@cadran/')) return undefined;
      if (isBuiltin(args.path)) return { path: args.path, external: true };
      const resolved = await esbuild.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        importer: args.importer,
        pluginData: 'resolving',
      });
      if (resolved.errors.length > 0) return { errors: resolved.errors };
      return { path: pathToFileURL(resolved.path).href, external: true };
    });
    esbuild.onLoad({ filter: /\.ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const url = JSON.stringify(pathToFileURL(args.path).href);
      return { contents: source.replaceAll('import.meta.url', url), loader: 'ts' };
    });
  },
};

/**
 * The V8 flags the compiled platform runs with (`pnpm start`, and the ingest benchmark's
 * children): a young generation of 2 × 4 MB instead of 2 × 16 MB, which lowers the resident set
 * during a large NDJSON body by about 20 MB for a few percent more CPU in scavenges.
 */
export const NODE_FLAGS = ['--max-semi-space-size=4'];

/**
 * Compiles a TypeScript entry point and the Cadran sources it imports into one ES module, run by
 * plain `node`: without tsx, whose loader runs in a thread of its own with its own V8 heap (about
 * 100 MB resident). The file names this machine's paths: it is built where it runs, never shipped.
 */
export async function bundle(entry: string, outfile: string): Promise<void> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    plugins: [cadranSourcesOnly],
  });
}
