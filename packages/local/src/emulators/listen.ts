import type { Server } from 'node:http';

export interface Running {
  stop(): Promise<void>;
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

export function listen(server: Server, host: string, port: number, service: string): Promise<Running> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new PortBusyError(service, port) : error);
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve({
        stop: () =>
          new Promise<void>((done) => {
            server.closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
  });
}
