import { compilePattern } from '@import-comms/event-pattern';
import { Bench } from 'tinybench';
import { type BenchmarkResult, ratioResult } from './report.js';

const TARGET_MATCHES_PER_SECOND = 100_000;

/** A typical rule of this system: source, detail-type and a stage filter, on a realistic stage change. */
const rule = {
  source: ['import.pipeline'],
  'detail-type': ['Import Stage Changed'],
  detail: { toStage: ['CUSTOMS_CLEARANCE', 'CUSTOMS_CLEARED'], stageSequence: [{ numeric: ['>', 0] }] },
};

const events = ['SHIPPED', 'CUSTOMS_CLEARED', 'ARRIVED_AT_PORT', 'CUSTOMS_CLEARANCE'].map(
  (toStage, index) => ({
    version: '0',
    id: `evt-${index}`,
    'detail-type': 'Import Stage Changed',
    source: 'import.pipeline',
    account: '123456789012',
    time: '2026-11-20T03:15:01Z',
    region: 'ap-southeast-2',
    resources: [],
    detail: {
      schemaVersion: 1,
      eventId: `e-${index}`,
      vehicleId: 'VH-1',
      customerId: 'CU-1',
      toStage,
      stageSequence: 6 + index,
    },
  }),
);

function throughput(bench: Bench, name: string): number {
  const result = bench.getTask(name)?.result;
  if (!result || !('throughput' in result)) throw new Error(`benchmark task ${name} did not complete`);
  return result.throughput.mean;
}

/** Compiled pattern matching, against the 100k matches/s target and a hand-written predicate for the same rule. */
export async function eventPatternBenchmarks(): Promise<BenchmarkResult[]> {
  const compiled = compilePattern(rule);
  const handWritten = (event: (typeof events)[number]) =>
    event.source === 'import.pipeline' &&
    event['detail-type'] === 'Import Stage Changed' &&
    (event.detail.toStage === 'CUSTOMS_CLEARANCE' || event.detail.toStage === 'CUSTOMS_CLEARED') &&
    event.detail.stageSequence > 0;
  for (const event of events) {
    if (compiled.matches(event) !== handWritten(event))
      throw new Error('compiled pattern and predicate disagree');
  }
  let index = 0;
  const bench = new Bench({ time: 1000 });
  bench.add('compiled', () => {
    compiled.matches(events[index++ & 3]);
  });
  bench.add('hand-written', () => {
    handWritten(events[index++ & 3] as (typeof events)[number]);
  });
  await bench.run();
  const matchesPerSecond = throughput(bench, 'compiled');
  return [
    ratioResult({
      name: 'Event pattern matching (typical rule, compiled once)',
      figure: matchesPerSecond,
      unit: 'matches/s',
      floorName: 'target',
      floor: TARGET_MATCHES_PER_SECOND,
      goal: { ratio: 1, direction: 'at-least' },
      notes: `a hand-written predicate for the same rule does ${Math.round(throughput(bench, 'hand-written')).toLocaleString('en')} checks/s.`,
    }),
  ];
}
