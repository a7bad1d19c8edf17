import type { Server } from 'node:http';
import type { RuntimeConfig } from '../config.js';
import { boundPort, type Listening, PortBusyError } from './listen.js';

/** aws-ses-v2-local: the SES v2 API; its viewer (the root URL) and `GET /store` show every email sent. */
export async function startSes(config: RuntimeConfig): Promise<Listening> {
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
  return {
    port: boundPort(server),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
