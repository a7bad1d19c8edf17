import { inboundIdFor } from '@import-comms/core';
import nodemailer from 'nodemailer';
import { type BenchmarkResult, ratioResult } from './report.js';
import { percentile, sleep, startRuntimeProcess, tokenFor } from './runtime-process.js';

/** Replies in the run, and how many SMTP connections send them at once (a busy morning's mail servers). */
const REPLIES = Number(process.env.BENCH_INBOUND_REPLIES ?? 400);
const CONNECTIONS = 4;

/**
 * Inbound email end to end on the local runtime: replies sent over real SMTP (the SMTP server stands in for
 * SES receiving: the raw message to S3, the notification through SNS to the inbound queue), handled by the
 * inbound service, until each shows on the customer's timeline through the API. Latency is from the SMTP
 * server's 250 (accepted) to the first API read that lists the message; the floor is the SMTP exchange itself.
 */
export async function inboundBenchmarks(): Promise<BenchmarkResult[]> {
  const runtime = await startRuntimeProcess();
  const transport = nodemailer.createTransport({
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
    const run = Date.now();
    const accepted = new Map<string, number>();
    const seen = new Map<string, number>();
    const smtpMs: number[] = [];
    let deadline = Number.POSITIVE_INFINITY;
    const missing = () => [...accepted.keys()].some((id) => !seen.has(id));
    // The rep's view: the customer's timeline read again and again, as an open screen would be. Once every reply
    // is accepted it reads on until each has shown, or a minute has passed.
    const watcher = (async () => {
      while (performance.now() < deadline && (deadline === Number.POSITIVE_INFINITY || missing())) {
        const response = await fetch(
          `${runtime.url('app')}/api/customers/CU-2001/communications?type=Email&limit=100`,
          { headers: { authorization: `Bearer ${token}` } },
        );
        const page = (await response.json()) as { items: { communicationId: string }[] };
        const now = performance.now();
        for (const item of page.items)
          if (!seen.has(item.communicationId)) seen.set(item.communicationId, now);
        await sleep(25);
      }
    })();
    const began = performance.now();
    await Promise.all(
      Array.from({ length: REPLIES }, async (_, index) => {
        const messageId = `bench-${run}-${index}@mail.example`;
        const sent = performance.now();
        await transport.sendMail({
          from: 'Aiko Tanaka <aiko.tanaka@example.com>',
          to: 'care@reply.harbourline.example',
          subject: `Re: your vehicle (${index})`,
          messageId: `<${messageId}>`,
          text: `Reply number ${index}: when does it arrive?\n\nOn Tue, Harbourline wrote:\n> It is at sea.`,
        });
        const done = performance.now();
        smtpMs.push(done - sent);
        accepted.set(inboundIdFor('Email', messageId), done);
      }),
    );
    const acceptedAll = performance.now();
    deadline = acceptedAll + 60_000;
    await watcher;
    const visibleAll = Math.max(...[...accepted.keys()].map((id) => seen.get(id) ?? 0));
    const latencies = [...accepted].flatMap(([id, at]) => {
      const visible = seen.get(id);
      return visible === undefined ? [] : [visible - at];
    });
    const lost = REPLIES - latencies.length;
    const throughput = latencies.length / ((visibleAll - began) / 1000);
    const smtpThroughput = REPLIES / ((acceptedAll - began) / 1000);
    return [
      ratioResult({
        name: 'inbound email: SMTP accepted → on the timeline, p99',
        figure: percentile(latencies, 99),
        unit: 'ms',
        floorName: 'the SMTP exchange itself, p99',
        floor: percentile(smtpMs, 99),
        goal: { ratio: 0, direction: 'reported' },
        notes: `${REPLIES} replies on ${CONNECTIONS} SMTP connections; p50 ${percentile(latencies, 50).toFixed(0)} ms; ${lost === 0 ? 'every reply on the timeline' : `**${lost} never showed**`}`,
      }),
      ratioResult({
        name: 'inbound email throughput (parsed, matched, stored, listed)',
        figure: throughput,
        unit: 'replies/s',
        floorName: 'replies the SMTP server accepted per second',
        floor: smtpThroughput,
        goal: { ratio: 0, direction: 'reported' },
      }),
    ];
  } finally {
    transport.close();
    await runtime.stop();
  }
}
