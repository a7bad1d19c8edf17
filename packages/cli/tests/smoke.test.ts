import { spawn } from 'node:child_process';
import path from 'node:path';
import { type RuntimeProcess, startRuntimeProcess } from '../../local/tests/support/runtime-process.js';
import { middayZone } from '../src/commands/smoke.js';

const BIN = path.resolve(__dirname, '../bin/comms.js');
jest.setTimeout(120_000);

describe('the smoke zone', () => {
  it.each([
    ['2026-12-01T00:00:00Z', 'Etc/GMT-12'],
    ['2026-12-01T12:30:00Z', 'Etc/GMT'],
    ['2026-12-01T15:00:00Z', 'Etc/GMT+3'],
    ['2026-12-01T23:00:00Z', 'Etc/GMT+11'],
  ])('at %s is %s, where it is midday', (at, zone) => {
    const now = new Date(at);
    expect(middayZone(now)).toBe(zone);
    const hour = Number(
      new Intl.DateTimeFormat('en-GB', { hour: 'numeric', hourCycle: 'h23', timeZone: zone }).format(now),
    );
    expect(hour).toBe(12);
  });
});

describe('comms smoke against the local runtime', () => {
  let runtime: RuntimeProcess;
  beforeAll(async () => {
    runtime = await startRuntimeProcess();
  }, 90_000);
  afterAll(async () => {
    await runtime?.stop();
  });

  it('sends a new customer through the pipeline and sees the welcome email and SMS delivered', async () => {
    const child = spawn(process.execPath, [BIN, 'smoke', '--timeout', '60', '--json'], {
      env: { ...process.env, ...runtime.ports },
    });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += String(chunk);
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    const result = JSON.parse(out);
    expect({ code, ok: result.ok }).toEqual({ code: 0, ok: true });
    expect(result.customerId).toMatch(/^SMOKE-/);
    // The simulator SMS went out from the SMS emulator like any other.
    const sms = (await (await fetch(`${runtime.endpoint('IMPORT_COMMS_SNS_PORT')}/sms`)).json()) as {
      phoneNumber: string;
    }[];
    expect(sms.some((message) => message.phoneNumber === '+14254147755')).toBe(true);
  });
});
