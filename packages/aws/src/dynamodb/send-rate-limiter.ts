import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Channel, Clock, SendRateLimiter } from '@import-comms/core';
import { isConditionalFailure } from './conditional.js';

export interface SendRateOptions {
  /** Sends a second the provider allows for the channel (SES: the account's MaxSendRate). */
  rateFor: (channel: Channel) => Promise<number>;
  /** The furthest turn a send waits for; a later one is put off (re-queued) instead of held. */
  horizonSeconds: number;
  clock: Clock;
  /** How a turn is waited for (a timer; tests may hurry it). */
  sleep?: (ms: number) => Promise<void>;
}

/**
 * One sending schedule per channel in the table, shared by every dispatcher: each send takes the next turn,
 * 1/rate seconds after the one before, so the sends of all instances together never go faster than the rate.
 * A turn costs one or two writes: an idle schedule starts at now; a busy one hands out its next turn with an
 * atomic increment, unless that turn is beyond the horizon. No read, no retry loop, however many dispatchers ask.
 */
export class DynamoSendRateLimiter implements SendRateLimiter {
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly options: SendRateOptions,
  ) {
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  async acquire(
    channel: Channel,
  ): Promise<{ granted: true } | { granted: false; retryAfterSeconds: number }> {
    const rate = await this.options.rateFor(channel);
    if (!(rate > 0)) return { granted: true };
    const interval = Math.ceil(1000 / rate);
    const now = this.options.clock.now().getTime();
    const horizonMs = this.options.horizonSeconds * 1000;
    const turn = await this.takeTurn(channel, now, interval, now + horizonMs);
    // No turn within the horizon (none was taken, so the schedule has no gaps): put off for about that long.
    if (turn === undefined) return { granted: false, retryAfterSeconds: this.options.horizonSeconds };
    const wait = turn - now;
    if (wait > 0) await this.sleep(wait);
    return { granted: true };
  }

  /** The time (epoch ms) of this send's turn, or undefined when the next turn is later than `latest`. */
  private async takeTurn(
    channel: Channel,
    now: number,
    interval: number,
    latest: number,
  ): Promise<number | undefined> {
    const Key = { PK: `SENDRATE#${channel}`, SK: 'SCHEDULE' };
    try {
      // Idle (no turn handed out at or after now): this send goes now, the next one an interval later.
      await this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key,
          UpdateExpression: 'SET nextTurn = :next',
          ConditionExpression: 'attribute_not_exists(nextTurn) OR nextTurn <= :now',
          ExpressionAttributeValues: { ':next': now + interval, ':now': now },
        }),
      );
      return now;
    } catch (error) {
      if (!isConditionalFailure(error)) throw error;
    }
    // Busy: take the next turn and move the schedule on by one interval, atomically — unless that turn is
    // beyond the horizon, so a send that will not wait for it takes nothing.
    try {
      const taken = await this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key,
          UpdateExpression: 'ADD nextTurn :interval',
          ConditionExpression: 'nextTurn <= :latest',
          ExpressionAttributeValues: { ':interval': interval, ':latest': latest },
          ReturnValues: 'UPDATED_OLD',
        }),
      );
      return Number(taken.Attributes?.nextTurn ?? now);
    } catch (error) {
      if (!isConditionalFailure(error)) throw error;
      return undefined;
    }
  }
}
