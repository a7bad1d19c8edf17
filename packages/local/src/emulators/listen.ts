import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Running {
  stop(): Promise<void>;
}

/** A server that is listening: the port it holds (the one the system chose when asked for port 0). */
export interface Listening extends Running {
  port: number;
}

/** The port a listening server holds. */
export function boundPort(server: { address(): AddressInfo | string | null }): number {
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the server is not listening on a TCP port');
  return address.port;
}

/** A port another process holds: the one message a newcomer needs to fix it. */
export class PortBusyError extends Error {
  constructor(
    readonly service: string,
    readonly port: number,
  ) {
    super(
      `port ${port} for ${service} is already in use — is another \`npm start\` running? Stop it, or choose other ports (see README).`,
    );
    this.name = 'PortBusyError';
  }
}

/**
 * How long an idle kept-alive connection stays open: as long as AWS's endpoints and load balancers keep one (60 s),
 * not Node's 5 s. The SDK keeps its sockets without a timeout of its own, so with Node's default a client that
 * paused about five seconds wrote its next request into a socket the server was closing, and read ECONNRESET.
 */
const KEEP_ALIVE_MS = 65_000;

/** Listens where told (port 0: wherever the system chooses) and reports the port actually held. */
export function listen(server: Server, host: string, port: number, service: string): Promise<Listening> {
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  // Node requires the headers timeout to outlast the keep-alive one.
  server.headersTimeout = KEEP_ALIVE_MS + 1_000;
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new PortBusyError(service, port) : error);
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve({
        port: boundPort(server),
        stop: () =>
          new Promise<void>((done) => {
            server.closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
  });
}
