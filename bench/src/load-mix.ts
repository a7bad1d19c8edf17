import { randomUUID } from 'node:crypto';
import { customerIdOf, type DataSet, random, vehicleIdOf } from './communications-data.js';
import { BenchHttpClient } from './http-client.js';

/** What reps do, and how often, on the day's first hour: mostly reading, a send now and then. */
export const MIX = [
  ['log first page', 0.3],
  ['customer history', 0.25],
  ['vehicle history', 0.15],
  ['log search', 0.15],
  ['dashboard', 0.1],
  ['send', 0.05],
] as const;
export type Kind = (typeof MIX)[number][0];
export const KINDS: readonly Kind[] = MIX.map(([kind]) => kind);

/** The log's first page as the UI asks for it (features/communications/api.ts). */
export const LOG_PAGE = 25;
export const HISTORY_PAGE = 25;
export const SEARCH_WORD = 'customs';
/** Customers with a contact record, whom the simulated reps send to. */
export const REACHABLE_CUSTOMERS = 40;

/** One request of a kind, answering when it is done; `worker` and `n` vary what it asks for. */
export type Request = (worker: number, n: number) => Promise<void>;

/** Latencies in ms per kind, and how long the run took. */
export interface Samples {
  latencies: Partial<Record<Kind, number[]>>;
  seconds: number;
}

/** The kind whose share of the weights the roll falls in. */
function pickKind(weights: readonly (readonly [Kind, number])[], roll: number): Kind {
  let sum = 0;
  for (const [kind, weight] of weights) {
    sum += weight;
    if (roll < sum) return kind;
  }
  return weights[weights.length - 1]?.[0] as Kind;
}

/** `concurrency` simulated reps, each choosing what to do next from the mix, for `seconds`. */
export async function simulate(
  requests: Record<Kind, Request>,
  concurrency: number,
  seconds: number,
  kinds: readonly Kind[] = KINDS,
): Promise<Samples> {
  const latencies: Partial<Record<Kind, number[]>> = Object.fromEntries(kinds.map((kind) => [kind, []]));
  const weights = MIX.filter(([kind]) => kinds.includes(kind));
  const total = weights.reduce((sum, [, weight]) => sum + weight, 0);
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      const next = random(worker + 1);
      for (let n = 0; performance.now() < deadline; n++) {
        const kind = pickKind(weights, next() * total);
        const began = performance.now();
        await requests[kind](worker, n);
        latencies[kind]?.push(performance.now() - began);
      }
    }),
  );
  return { latencies, seconds: (performance.now() - started) / 1000 };
}

/** The API requests of each kind, as the web UI makes them. */
export function apiRequests(base: string, tokens: readonly string[], set: DataSet): Record<Kind, Request> {
  const http = new BenchHttpClient();
  const get = async (worker: number, path: string) => {
    const answer = await http.send(`${base}${path}`, {
      headers: { authorization: `Bearer ${tokens[worker]}` },
    });
    if (answer.status !== 200) throw new Error(`${path} → ${answer.status}: ${answer.text()}`);
  };
  const customer = (worker: number, n: number) => (worker * 7919 + n) % set.customers;
  return {
    'log first page': (worker) => get(worker, `/communications?limit=${LOG_PAGE}`),
    'customer history': (worker, n) =>
      get(worker, `/customers/${customerIdOf(customer(worker, n))}/communications?limit=${HISTORY_PAGE}`),
    'vehicle history': (worker, n) =>
      get(
        worker,
        `/vehicles/${vehicleIdOf(customer(worker, n), n % set.vehiclesPerCustomer)}/communications?limit=${HISTORY_PAGE}`,
      ),
    'log search': (worker) => get(worker, `/communications?q=${SEARCH_WORD}&limit=${HISTORY_PAGE}`),
    dashboard: (worker) => get(worker, '/stats'),
    send: async (worker, n) => {
      const answer = await http.send(`${base}/communications/send-email`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${tokens[worker]}`,
          'content-type': 'application/json',
          'idempotency-key': `load-${worker}-${n}-${randomUUID()}`,
        },
        body: JSON.stringify({
          customerId: customerIdOf((worker + n) % REACHABLE_CUSTOMERS),
          subject: 'Your documents',
          content: 'We have received your documents. Nothing else is needed from you.',
        }),
      });
      if (answer.status !== 202) throw new Error(`send → ${answer.status}: ${answer.text()}`);
    },
  };
}
