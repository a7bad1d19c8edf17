import { GetAccountCommand, type SESv2Client } from '@aws-sdk/client-sesv2';

/**
 * The account's SES sending rate (`GetAccount` → `SendQuota.MaxSendRate`), read once and again every few
 * minutes (AWS raises it as the account grows). Until it is known, or if it cannot be read, `fallback` applies.
 */
export function sesMaxSendRate(
  ses: SESv2Client,
  options: { fallback: number; refreshMs?: number; now?: () => number },
): () => Promise<number> {
  const refreshMs = options.refreshMs ?? 5 * 60_000;
  const now = options.now ?? Date.now;
  let known: { rate: number; at: number } | undefined;
  let pending: Promise<number> | undefined;
  const read = async () => {
    try {
      const account = await ses.send(new GetAccountCommand({}));
      const rate = account.SendQuota?.MaxSendRate;
      known = { rate: rate && rate > 0 ? rate : options.fallback, at: now() };
    } catch {
      known = { rate: known?.rate ?? options.fallback, at: now() };
    } finally {
      pending = undefined;
    }
    return known.rate;
  };
  return async () => {
    if (known && now() - known.at < refreshMs) return known.rate;
    pending ??= read();
    return pending;
  };
}
