import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eventPatternBenchmarks } from './event-pattern.js';
import { writeReport } from './report.js';
import { templateRenderBenchmarks } from './template-render.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const results = [...(await templateRenderBenchmarks()), ...(await eventPatternBenchmarks())];
writeReport(repoRoot, results);
for (const result of results) {
  process.stdout.write(
    `${result.met ? 'met   ' : 'MISSED'} ${result.name}: ${result.figure.toFixed(2)} ${result.unit}, ${result.ratio.toFixed(3)} × floor (goal ${result.goal.direction === 'at-most' ? '≤' : '≥'} ${result.goal.ratio})\n`,
  );
}
process.stdout.write('wrote bench/results/latest.json and docs/performance.md\n');
