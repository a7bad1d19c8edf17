import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { abuseBenchmarks } from './abuse.js';
import { bundleBenchmarks } from './bundles.js';
import { eventPatternBenchmarks } from './event-pattern.js';
import { faultBenchmarks } from './faults.js';
import { historyBenchmarks } from './history.js';
import { inboundBenchmarks } from './inbound.js';
import { loadBenchmarks } from './load.js';
import { pipelineBenchmarks } from './pipeline.js';
import { GOAL_SIGN, writeReport } from './report.js';
import { templateRenderBenchmarks } from './template-render.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const suites = {
  'template-render': templateRenderBenchmarks,
  'event-pattern': eventPatternBenchmarks,
  history: historyBenchmarks,
  load: loadBenchmarks,
  bundles: bundleBenchmarks,
  pipeline: pipelineBenchmarks,
  faults: faultBenchmarks,
  abuse: abuseBenchmarks,
  inbound: inboundBenchmarks,
};
// `npm run bench -- history` runs one suite and prints it; the report is only rewritten by a full run.
const only = process.argv.slice(2);
const chosen = Object.entries(suites).filter(([name]) => only.length === 0 || only.includes(name));
const results = [];
for (const [name, run] of chosen) {
  process.stdout.write(`running ${name}…\n`);
  results.push(...(await run()));
}
if (only.length === 0) writeReport(repoRoot, results);
for (const result of results) {
  process.stdout.write(
    `${result.goal.direction === 'reported' ? 'report' : result.met ? 'met   ' : 'MISSED'} ${result.name}: ${result.figure.toFixed(2)} ${result.unit}, ${result.ratio.toFixed(3)} × floor (${result.goal.direction === 'reported' ? 'no goal' : `goal ${GOAL_SIGN[result.goal.direction]} ${result.goal.ratio}`})\n${result.notes ? `       ${result.notes}\n` : ''}`,
  );
}
if (only.length === 0) process.stdout.write('wrote bench/results/latest.json and docs/performance.md\n');
