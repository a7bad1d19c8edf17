import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { PORTS, type Service } from './config.js';

/** One service in the ports file: where it listens and the variable that would fix its port. */
export interface BoundService {
  url: string;
  port: number;
  env: string;
}

export type PortsFile = Record<Service, BoundService>;

/**
 * What a tool that started the runtime on port 0 needs (`--ports-file`): each service's URL, port and the
 * variable that sets it. Written whole under another name, then renamed, so a reader never sees half a file.
 */
export function writePortsFile(file: string, urls: Record<Service, string>): void {
  const services = Object.fromEntries(
    (Object.keys(PORTS) as Service[]).map((service) => [
      service,
      { url: urls[service], port: Number(new URL(urls[service]).port), env: PORTS[service].env },
    ]),
  ) as PortsFile;
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, `${JSON.stringify(services, null, 2)}\n`);
  renameSync(partial, file);
}

/** Reads a ports file; fails naming the service whose port is missing. */
export function readPortsFile(file: string): PortsFile {
  const services = JSON.parse(readFileSync(file, 'utf8')) as Partial<PortsFile>;
  for (const service of Object.keys(PORTS) as Service[]) {
    const port = services[service]?.port;
    if (!Number.isInteger(port) || !port) throw new Error(`${file} names no port for ${service}`);
  }
  return services as PortsFile;
}
