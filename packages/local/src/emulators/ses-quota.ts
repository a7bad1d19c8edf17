import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * SES's sending quota: at most `maxSendRate` sends accepted in any one second (a sliding window); one more is
 * refused with 429 TooManyRequestsException "Maximum sending rate exceeded.", as SES answers. Also answers
 * GetAccount with that rate, and reports what it saw.
 */
export class SesSendQuota {
  private readonly acceptedAt: number[] = [];
  private accepted = 0;
  private throttled = 0;
  private busiestSecond = 0;

  constructor(
    readonly maxSendRate: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Counts one send in, unless the last second already holds `maxSendRate` of them. */
  take(): boolean {
    const now = this.now();
    while (this.acceptedAt.length > 0 && (this.acceptedAt[0] ?? now) <= now - 1000) this.acceptedAt.shift();
    if (this.acceptedAt.length + 1 > this.maxSendRate) {
      this.throttled += 1;
      return false;
    }
    this.acceptedAt.push(now);
    this.accepted += 1;
    this.busiestSecond = Math.max(this.busiestSecond, this.acceptedAt.length);
    return true;
  }

  reading() {
    return {
      maxSendRate: this.maxSendRate,
      accepted: this.accepted,
      throttled: this.throttled,
      busiestSecond: this.busiestSecond,
    };
  }

  /**
   * Handles what the quota decides (GetAccount, a throttled send, the reading); returns false for requests the
   * SES emulator itself should answer.
   */
  handle(request: IncomingMessage, response: ServerResponse): boolean {
    const path = (request.url ?? '').split('?')[0];
    if (request.method === 'GET' && path === '/v2/email/account') {
      json(response, 200, {
        DedicatedIpAutoWarmupEnabled: false,
        EnforcementStatus: 'HEALTHY',
        ProductionAccessEnabled: true,
        SendingEnabled: true,
        SendQuota: { Max24HourSend: 50_000, MaxSendRate: this.maxSendRate, SentLast24Hours: this.accepted },
      });
      return true;
    }
    if (request.method === 'GET' && path === '/_local/send-rate') {
      json(response, 200, this.reading());
      return true;
    }
    if (request.method === 'POST' && path === '/v2/email/outbound-emails' && !this.take()) {
      response.setHeader('x-amzn-ErrorType', 'TooManyRequestsException');
      json(response, 429, { message: 'Maximum sending rate exceeded.' });
      return true;
    }
    return false;
  }
}

function json(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}
