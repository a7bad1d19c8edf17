import { mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CliIo } from '../src/io.js';
import { main } from '../src/main.js';

function capture(): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout(text: string) {
      io.out += text;
    },
    stderr(text: string) {
      io.err += text;
    },
    readFile: (file: string) => readFile(file, 'utf8'),
  };
  return io;
}

const pattern = JSON.stringify({ source: ['import.pipeline'], detail: { toStage: ['CUSTOMS_CLEARED'] } });
const event = (toStage: string) => JSON.stringify({ source: 'import.pipeline', detail: { toStage } });

describe('comms events test-pattern', () => {
  it.each([
    ['CUSTOMS_CLEARED', '{"Result":true}\n'],
    ['SHIPPED', '{"Result":false}\n'],
  ])('prints the result for an event at %s and exits 0', async (toStage, expected) => {
    const io = capture();

    const code = await main(
      ['events', 'test-pattern', '--event-pattern', pattern, '--event', event(toStage)],
      io,
    );

    expect({ code, out: io.out, err: io.err }).toEqual({ code: 0, out: expected, err: '' });
  });

  it('reads both arguments from file:// paths', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'comms-'));
    writeFileSync(path.join(dir, 'pattern.json'), pattern);
    writeFileSync(path.join(dir, 'event.json'), event('CUSTOMS_CLEARED'));
    const io = capture();

    const code = await main(
      [
        'events',
        'test-pattern',
        '--event-pattern',
        `file://${dir}/pattern.json`,
        '--event',
        `file://${dir}/event.json`,
      ],
      io,
    );

    expect({ code, out: io.out }).toEqual({ code: 0, out: '{"Result":true}\n' });
  });

  it('prints the reason of an invalid pattern and exits 1', async () => {
    const io = capture();

    const code = await main(
      ['events', 'test-pattern', '--event-pattern', '{"source":"x"}', '--event', '{}'],
      io,
    );

    expect({ code, out: io.out, err: io.err }).toEqual({
      code: 1,
      out: '',
      err: 'Event pattern is not valid. Reason: "source" must be an object or an array\n',
    });
  });

  it('says which argument is missing or unreadable', async () => {
    const missing = capture();
    const unreadable = capture();

    expect(await main(['events', 'test-pattern', '--event', '{}'], missing)).toBe(2);
    expect(
      await main(
        ['events', 'test-pattern', '--event-pattern', 'file:///nonexistent/p.json', '--event', '{}'],
        unreadable,
      ),
    ).toBe(2);
    expect(missing.err).toBe('missing --event-pattern\n');
    expect(unreadable.err).toMatch(/^cannot read --event-pattern file:\/\/\/nonexistent\/p\.json: ENOENT/);
  });

  it('refuses an unknown option and an unknown command', async () => {
    const option = capture();
    const command = capture();

    expect(await main(['events', 'test-pattern', '--pattern', '{}'], option)).toBe(2);
    expect(await main(['events', 'teleport'], command)).toBe(2);
    expect(option.err).toContain("Unknown option '--pattern'");
    expect(command.err).toMatch(/^comms: unknown command "events teleport"/);
  });
});
