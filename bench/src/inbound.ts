import { inboundIdFor } from '@import-comms/core';
import nodemailer from 'nodemailer';
import { type BenchmarkResult, ratioResult } from './report.js';
import { percentile, type RuntimeProcess, sleep, startRuntimeProcess, tokenFor } from './runtime-process.js';

/** A steady morning (replies a second, for how long), then a burst of many at once on several connections. */
const STEADY_PER_SECOND = 5;
const STEADY_REPLIES = Number(process.env.BENCH_INBOUND_STEADY ?? 100);
const BURST_REPLIES = Number(process.env.BENCH_INBOUND_BURST ?? 400);
const CONNECTIONS = 4;

/** What the benchmark needs of an SMTP client (nodemailer's pool). */
type Transport = { sendMail(options: nodemailer.SendMailOptions): Promise<unknown> };

/**
 * Sends replies over SMTP and watches the customer's timeline through the API (as an open screen reads it) until
 * each reply shows: when the SMTP server accepted it (its 250), how long the exchange took, when it showed.
 */
async function sendAndWatch(
  runtime: RuntimeProcess,
  token: string,
  transport: Transport,
  replies: number,
  pace: number | undefined,
  label: string,
) {
  const accepted = new Map<string, number>();
  const seen = new Map<string, number>();
  const smtpMs: number[] = [];
  let deadline = Number.POSITIVE_INFINITY;
  const missing = () => [...accepted.keys()].some((id) => !seen.has(id));
  const watcher = (async () => {
    while (performance.now() < deadline && (deadline === Number.POSITIVE_INFINITY || missing())) {
      const response = await fetch(
        `${runtime.url('app')}/api/customers/CU-2001/communications?type=Email&limit=100`,
        { headers: { authorization: `Bearer ${token}` } },
      );
      const page = (await response.json()) as { items: { communicationId: string }[] };
      const now = performance.now();
      for (const item of page.items) if (!seen.has(item.communicationId)) seen.set(item.communicationId, now);
      await sleep(25);
    }
  })();
  const send = async (index: number) => {
    const messageId = `bench-${label}-${Date.now()}-${index}@mail.example`;
    const began = performance.now();
    await transport.sendMail({
      from: 'Aiko Tanaka <aiko.tanaka@example.com>',
      to: 'care@reply.harbourline.example',
      subject: `Re: your vehicle (${index})`,
      messageId: `<${messageId}>`,
      text: `Reply number ${index}: when does it arrive?\n\nOn Tue, Harbourline wrote:\n> It is at sea.`,
    });
    const done = performance.now();
    smtpMs.push(done - began);
    accepted.set(inboundIdFor('Email', messageId), done);
  };
  const began = performance.now();
  if (pace) {
    const sends: Promise<void>[] = [];
    for (let index = 0; index < replies; index++) {
      sends.push(send(index));
      await sleep(1000 / pace);
    }
    await Promise.all(sends);
  } else {
    await Promise.all(Array.from({ length: replies }, (_, index) => send(index)));
  }
  const acceptedAll = performance.now();
  deadline = acceptedAll + 60_000;
  await watcher;
  const latencies = [...accepted].flatMap(([id, at]) => {
    const visible = seen.get(id);
    return visible === undefined ? [] : [visible - at];
  });
  const visibleAll = Math.max(...[...accepted.keys()].map((id) => seen.get(id) ?? 0));
  return {
    latencies,
    smtpMs,
    lost: replies - latencies.length,
    throughput: latencies.length / ((visibleAll - began) / 1000),
    smtpThroughput: replies / ((acceptedAll - began) / 1000),
  };
}

/**
 * Inbound email end to end on the local runtime: replies over real SMTP (the SMTP server stands in for SES
 * receiving: the raw message to S3, the notification through SNS to the inbound queue), handled by the inbound
 * service (parsed, matched, stored, listed), until each shows on the customer's timeline through the API.
 */
export async function inboundBenchmarks(): Promise<BenchmarkResult[]> {
  const runtime = await startRuntimeProcess();
  const single = nodemailer.createTransport({
    host: '127.0.0.1',
    port: runtime.ports.smtp,
    secure: false,
    ignoreTLS: true,
    pool: true,
    maxConnections: 1,
  });
  const pooled = nodemailer.createTransport({
    host: '127.0.0.1',
    port: runtime.ports.smtp,
    secure: false,
    ignoreTLS: true,
    pool: true,
    maxConnections: CONNECTIONS,
    maxMessages: Number.POSITIVE_INFINITY,
  });
  try {
    const token = await tokenFor(runtime);
    const steady = await sendAndWatch(runtime, token, single, STEADY_REPLIES, STEADY_PER_SECOND, 'steady');
    const burst = await sendAndWatch(runtime, token, pooled, BURST_REPLIES, undefined, 'burst');
    return [
      ratioResult({
        name: 'inbound email: SMTP accepted → on the timeline, p99',
        figure: percentile(steady.latencies, 99),
        unit: 'ms',
        floorName: 'the SMTP exchange itself, p99',
        floor: percentile(steady.smtpMs, 99),
        goal: { ratio: 0, direction: 'reported' },
        notes: `${STEADY_REPLIES} replies at ${STEADY_PER_SECOND}/s; p50 ${percentile(steady.latencies, 50).toFixed(0)} ms (the screen reads every 25 ms); ${steady.lost === 0 ? 'every reply on the timeline' : `**${steady.lost} never showed**`}`,
      }),
      ratioResult({
        name: 'inbound email throughput (parsed, matched, stored, listed)',
        figure: burst.throughput,
        unit: 'replies/s',
        floorName: 'replies the SMTP server accepted per second',
        floor: burst.smtpThroughput,
        goal: { ratio: 0, direction: 'reported' },
        notes: `a burst of ${BURST_REPLIES} on ${CONNECTIONS} connections; the last showed ${(percentile(burst.latencies, 100) / 1000).toFixed(1)} s after it was accepted; ${burst.lost === 0 ? 'none lost' : `**${burst.lost} never showed**`}`,
      }),
    ];
  } finally {
    single.close();
    pooled.close();
    await runtime.stop();
  }
}
