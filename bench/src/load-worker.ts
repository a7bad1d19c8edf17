import { parentPort, workerData } from 'node:worker_threads';
import type { DataSet } from './communications-data.js';
import { apiRequests, type Kind, simulate } from './load-mix.js';

/** What the load benchmark asks of its reps' thread. */
export interface LoadWorkerTask {
  base: string;
  tokens: string[];
  set: DataSet;
  concurrency: number;
  seconds: number;
  kinds: Kind[];
}

/**
 * The simulated reps' browsers, on a thread of their own: making and reading HTTP requests costs CPU the API
 * server must not be charged for (a rep's browser is not on the server).
 */
const task = workerData as LoadWorkerTask;
const samples = await simulate(
  apiRequests(task.base, task.tokens, task.set),
  task.concurrency,
  task.seconds,
  task.kinds,
);
parentPort?.postMessage(samples);
