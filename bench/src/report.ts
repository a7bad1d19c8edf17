import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** One measured figure, its floor measured in the same run, and the goal for their ratio. */
export interface BenchmarkResult {
  name: string;
  figure: number;
  unit: string;
  floorName: string;
  floor: number;
  /** figure / floor */
  ratio: number;
  /**
   * The ratio must stay at or below this (costs), at or above it (throughputs), or equal it (counts);
   * `reported` figures have no goal of their own.
   */
  goal: { ratio: number; direction: 'at-most' | 'at-least' | 'exactly' | 'reported' };
  met: boolean;
  notes?: string;
}

export function ratioResult(base: Omit<BenchmarkResult, 'ratio' | 'met'>): BenchmarkResult {
  const ratio = base.figure / base.floor;
  const met =
    base.goal.direction === 'at-most'
      ? ratio <= base.goal.ratio
      : base.goal.direction === 'at-least'
        ? ratio >= base.goal.ratio
        : base.goal.direction === 'exactly'
          ? ratio === base.goal.ratio
          : true;
  return { ...base, ratio, met };
}

export const GOAL_SIGN = { 'at-most': '≤', 'at-least': '≥', exactly: '=', reported: '—' } as const;

const format = (value: number) =>
  value >= 100 ? value.toFixed(0) : value >= 1 ? value.toFixed(2) : value.toPrecision(3);

export function writeReport(repoRoot: string, results: BenchmarkResult[]): void {
  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    node: process.version,
  };
  const generatedAt = new Date().toISOString();
  mkdirSync(path.join(repoRoot, 'bench/results'), { recursive: true });
  writeFileSync(
    path.join(repoRoot, 'bench/results/latest.json'),
    `${JSON.stringify({ generatedAt, machine, results }, null, 2)}\n`,
  );
  const rows = results.map(
    (r) =>
      `| ${r.name} | ${format(r.figure)} ${r.unit} | ${r.floorName}: ${format(r.floor)} ${r.unit} | ${r.ratio.toFixed(3)} | ${r.goal.direction === 'reported' ? '—' : `${GOAL_SIGN[r.goal.direction]} ${r.goal.ratio}`} | ${r.goal.direction === 'reported' ? 'reported' : r.met ? 'met' : '**missed**'} |`,
  );
  const markdown = [
    '# Performance',
    '',
    'Every figure comes from `npm run bench`, which measures it together with its floor in the same run on the same',
    'machine and writes `bench/results/latest.json` and this table. Timed assertions never run in `npm test`.',
    '',
    `Last run: ${generatedAt} on ${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}.`,
    '',
    '| Benchmark | Figure | Floor | Ratio | Goal | Result |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    ...results.filter((r) => r.notes).map((r) => `- **${r.name}**: ${r.notes}`),
    '',
  ].join('\n');
  writeFileSync(path.join(repoRoot, 'docs/performance.md'), markdown);
}
