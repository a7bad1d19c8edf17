import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { RateLimiter } from '@import-comms/core';
import { isConditionalFailure } from './conditional.js';
import { TTL_ATTRIBUTE } from './table-definition.js';

/**
 * A fixed-window counter per key in the table, so every API instance (every Lambda) shares the same limit:
 * one conditional update per request, refused once the window is full. Windows expire through the table's TTL.
 */
export class DynamoRateLimiter implements RateLimiter {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async consume(
    key: string,
    limit: number,
    windowSeconds: number,
    now: Date,
  ): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }> {
    const windowMs = windowSeconds * 1000;
    const windowStart = Math.floor(now.getTime() / windowMs) * windowMs;
    const windowEnd = windowStart + windowMs;
    try {
      await this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { PK: `RATE#${key}`, SK: `WINDOW#${windowStart}` },
          UpdateExpression: 'ADD hits :one SET #expires = if_not_exists(#expires, :expires)',
          ConditionExpression: 'attribute_not_exists(hits) OR hits < :limit',
          ExpressionAttributeNames: { '#expires': TTL_ATTRIBUTE },
          ExpressionAttributeValues: {
            ':one': 1,
            ':limit': limit,
            ':expires': Math.ceil(windowEnd / 1000) + 60,
          },
        }),
      );
      return { allowed: true };
    } catch (error) {
      if (!isConditionalFailure(error)) throw error;
      return {
        allowed: false,
        retryAfterSeconds: Math.max(1, Math.ceil((windowEnd - now.getTime()) / 1000)),
      };
    }
  }
}
