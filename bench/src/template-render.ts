import {
  createLiquid,
  DEFAULT_TEMPLATES,
  LiquidTemplateEngine,
  sampleRenderContext,
} from '@import-comms/core';
import { Bench } from 'tinybench';
import { type BenchmarkResult, ratioResult } from './report.js';

const ROUNDS = 9;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function meanLatency(bench: Bench, name: string): number {
  const task = bench.getTask(name);
  const result = task?.result;
  if (!result || !('latency' in result)) throw new Error(`benchmark task ${name} did not complete`);
  return result.latency.mean;
}

/**
 * A cached render through the engine port against raw liquidjs rendering the same parsed template with the
 * same options: the port, cache lookup and context handling must add at most 10%.
 */
export async function templateRenderBenchmarks(): Promise<BenchmarkResult[]> {
  const template = DEFAULT_TEMPLATES.find((t) => t.templateId === 'shipping-update-email');
  const source = template?.locales.en?.content;
  if (!template || !source) throw new Error('shipping-update-email default is missing');
  const context = sampleRenderContext(template.triggerEvent, 'en-AU');
  const engine = new LiquidTemplateEngine();
  const key = { templateId: template.templateId, version: 1, locale: 'en' };

  // The floor: liquidjs itself, configured the same way, rendering a template parsed once.
  const raw = createLiquid(true);
  const parsed = raw.parse(source);

  const expected = raw.renderSync(parsed, context);
  if (engine.renderLiquid(key, 'html', source, context, 'html') !== expected) {
    throw new Error('engine and raw liquidjs render differently: the comparison would be meaningless');
  }

  const ratios: number[] = [];
  const engineMeans: number[] = [];
  const rawMeans: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const bench = new Bench({ time: 400, warmup: true });
    const tasks = [
      ['raw', () => raw.renderSync(parsed, context)],
      ['engine', () => engine.renderLiquid(key, 'html', source, context, 'html')],
    ] as const;
    // Each goes first in every other round, so neither always pays for the other's garbage.
    for (const [name, task] of round % 2 === 0 ? tasks : [...tasks].reverse()) bench.add(name, task);
    await bench.run();
    const rawMean = meanLatency(bench, 'raw');
    const engineMean = meanLatency(bench, 'engine');
    rawMeans.push(rawMean);
    engineMeans.push(engineMean);
    ratios.push(engineMean / rawMean);
  }

  const fullEmail = new Bench({ time: 500 });
  fullEmail.add('email', () => {
    engine.renderEmail(key, { subject: template.locales.en?.subject ?? '', content: source }, context);
  });
  await fullEmail.run();
  const emailMs = meanLatency(fullEmail, 'email');

  const engineUs = median(engineMeans) * 1000;
  const rawUs = median(rawMeans) * 1000;
  return [
    ratioResult({
      name: 'Cached template render (shipping update email body)',
      figure: engineUs,
      unit: 'µs/render',
      floorName: 'raw liquidjs, same parsed template',
      floor: rawUs,
      goal: { ratio: 1.1, direction: 'at-most' },
      notes: `medians of ${ROUNDS} interleaved rounds (per-round ratios ${ratios.map((r) => r.toFixed(3)).join(', ')}). A whole email (subject, escaped HTML and its plain-text alternative) takes ${(emailMs * 1000).toFixed(0)} µs: ${Math.round(1000 / emailMs)} emails/s on one core.`,
    }),
  ];
}
