import { Logger } from '@aws-lambda-powertools/logger';
import { maskPii } from './pii.js';

export interface LoggerOptions {
  serviceName: string;
  /** Defaults to POWERTOOLS_LOG_LEVEL / AWS_LAMBDA_LOG_LEVEL, then INFO. */
  logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'CRITICAL' | 'SILENT';
  persistentAttributes?: Record<string, unknown>;
}

/** The one logger of the system: Powertools JSON lines with customers' emails and phone numbers masked. */
export function createLogger(options: LoggerOptions): Logger {
  return new Logger({
    serviceName: options.serviceName,
    ...(options.logLevel ? { logLevel: options.logLevel } : {}),
    ...(options.persistentAttributes ? { persistentKeys: options.persistentAttributes } : {}),
    jsonReplacerFn: maskPii,
  });
}

export type { Logger };
