import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { RuntimeConfig } from '../config.js';
import { boundPort, type Listening, PortBusyError } from './listen.js';
import { SesSendQuota } from './ses-quota.js';

/**
 * aws-ses-v2-local: the SES v2 API; its viewer (the root URL) and `GET /store` show every email sent. In front
 * of it, SES's sending quota (`IMPORT_COMMS_SES_MAX_SEND_RATE`): GetAccount tells it, sends above it are
 * throttled, `GET /_local/send-rate` reports what was accepted and throttled.
 */
export async function startSes(config: RuntimeConfig): Promise<Listening & { quota: SesSendQuota }> {
  // A CommonJS module with an `exports.default`: seen from ESM, the function is `default.default`.
  const startServer = (await import('aws-ses-v2-local')).default.default;
  let server: Server;
  try {
    server = await startServer({ host: config.host, port: config.ports.ses });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw new PortBusyError('SES', config.ports.ses);
    throw error;
  }
  const quota = new SesSendQuota(config.sesMaxSendRate);
  // The quota sees every request first; the emulator's own (express) listener answers the rest.
  const emulator = server.listeners('request') as ((
    request: IncomingMessage,
    response: ServerResponse,
  ) => void)[];
  server.removeAllListeners('request');
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    if (quota.handle(request, response)) return;
    for (const listener of emulator) listener(request, response);
  });
  return {
    quota,
    port: boundPort(server),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
