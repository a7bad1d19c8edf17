import { spawnSync } from 'node:child_process';
import type { BuildOptions, Plugin, PluginBuild } from 'esbuild';

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

/**
 * zod's full build puts every language it speaks on `z.locales` (about 260 KB minified), so a bundle that takes its
 * whole namespace keeps them all: the API did on every cold start while it declared its routes with full zod
 * (ADR 0035 moved it to zod/mini). This keeps any such import from bringing them back. The functions speak English (the messages zod configures for itself), so zod's locales index is
 * replaced by one exporting `en` alone (docs/adr/0034-zod-english-only-in-functions.md). Its source is also sent to
 * the bundling process (`bundleFunction`): it must use nothing from outside itself.
 */
const englishOnlySetup = (build: PluginBuild) => {
  build.onResolve({ filter: /(^|\/)locales\/index\.js$/ }, (args) =>
    /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer)
      ? { path: `${args.resolveDir}/${args.path}`, namespace: 'zod-english-only' }
      : undefined,
  );
  build.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, (args) => ({
    contents: "export { default as en } from './en.js';",
    resolveDir: args.path.slice(0, args.path.lastIndexOf('/')),
    loader: 'js',
  }));
};

export const FUNCTION_BUILD_PLUGINS: Plugin[] = [{ name: 'zod-english-only', setup: englishOnlySetup }];

/**
 * Bundles one handler into `outdir`: `index.mjs` (the handler) and the chunks it loads. CDK bundles synchronously
 * and esbuild runs plugins only in its asynchronous API, so a Node process of its own builds it.
 */
export function bundleFunction(entry: string, outdir: string): void {
  const script = `import { build } from 'esbuild';
const options = JSON.parse(process.argv[1]);
await build({ ...options, plugins: [{ name: 'zod-english-only', setup: ${englishOnlySetup.toString()} }] });`;
  const options = JSON.stringify({ ...FUNCTION_BUILD_OPTIONS, entryPoints: [entry], outdir });
  const built = spawnSync(process.execPath, ['--input-type=module', '-e', script, options], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (built.status !== 0) throw new Error(`bundling ${entry} failed (exit ${built.status ?? built.signal})`);
}
