import { readFile } from 'node:fs/promises';

/** What a command may touch of the outside world; tests pass their own. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readFile(path: string): Promise<string>;
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readFile: (path) => readFile(path, 'utf8'),
};

/** A command failure worth one clear line, and a non-zero exit. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Like the AWS CLI: a value may be given inline or as `file://path`. */
export async function readArgument(io: CliIo, name: string, value: string | undefined): Promise<string> {
  if (value === undefined) throw new CliError(`missing --${name}`, 2);
  if (!value.startsWith('file://')) return value;
  const path = value.slice('file://'.length);
  try {
    return await io.readFile(path);
  } catch (error) {
    throw new CliError(`cannot read --${name} ${value}: ${(error as Error).message}`, 2);
  }
}
