import { type BuildOptions, buildSync } from 'esbuild';

/**
 * How every function is bundled: ESM for Node 24, minified, names kept (a stack trace still says which function
 * failed), no source maps (2–5 MB of maps cost each cold start 80–240 ms), nothing left external — only the SDK
 * clients a handler imports end up in it. Split into chunks: what a handler imports with `import()` (the template
 * engine where rendering is rare, the SDK's credential providers other than the environment's) is a file of its
 * own, read when first used rather than parsed at every cold start (docs/adr/0029-lazy-code-in-functions.md).
 */
export const FUNCTION_BUILD_OPTIONS = {
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node24',
  minify: true,
  keepNames: true,
  sourcemap: false,
  mainFields: ['module', 'main'],
  entryNames: 'index',
  outExtension: { '.js': '.mjs' },
  // Some dependencies are CommonJS and call require(): give each ES module chunk one.
  banner: {
    js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  },
  logLevel: 'warning',
} as const satisfies BuildOptions;

/** Bundles one handler into `outdir`: `index.mjs` (the handler) and the chunks it loads. */
export function bundleFunction(entry: string, outdir: string): void {
  buildSync({ ...FUNCTION_BUILD_OPTIONS, entryPoints: [entry], outdir });
}
