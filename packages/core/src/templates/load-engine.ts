import type { TemplateEngine } from './liquid-engine.js';

/**
 * The Liquid engine, loaded when first asked for: a bundle keeps liquidjs in a chunk of its own, so a process that
 * seldom renders does not read it at every cold start (docs/adr/0029-lazy-code-in-functions.md).
 * A module of its own (`@import-comms/core/load-engine`), not in the index: a function that never asks for it
 * has no lazy chunk that could draw what the engine shares with it into the code read at start.
 */
export async function loadTemplateEngine(): Promise<TemplateEngine> {
  const { LiquidTemplateEngine } = await import('./liquid-engine.js');
  return new LiquidTemplateEngine();
}
