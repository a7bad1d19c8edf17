import { Agent, request } from 'node:http';

/** What a benchmark's request answered. */
export interface Answer {
  status: number;
  body: Buffer;
  text(): string;
  json(): unknown;
}

/**
 * The benchmarks' HTTP client: node:http over kept-alive connections. Reps' browsers are not on the server, but
 * here the client shares the machine's two cores with the API and DynamoDB, so it is the lightest there is
 * (`fetch` spent about a millisecond of CPU per request, which the server's figures were charged for).
 */
export class BenchHttpClient {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 256 });

  send(
    url: string,
    options: { method?: string; headers?: Record<string, string>; body?: string } = {},
  ): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const outgoing = request(
        url,
        {
          agent: this.agent,
          method: options.method ?? 'GET',
          headers: {
            ...options.headers,
            ...(options.body === undefined ? {} : { 'content-length': Buffer.byteLength(options.body) }),
          },
        },
        (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('error', reject);
          incoming.on('end', () => {
            const body = Buffer.concat(chunks);
            resolve({
              status: incoming.statusCode ?? 0,
              body,
              text: () => body.toString('utf8'),
              json: () => JSON.parse(body.toString('utf8')) as unknown,
            });
          });
        },
      );
      outgoing.on('error', reject);
      outgoing.end(options.body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
