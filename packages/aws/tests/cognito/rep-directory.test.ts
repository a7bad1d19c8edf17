import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { CognitoRepDirectory } from '../../src/index.js';

/** cognito-local: an emulator of the Cognito user pools API, started on a free port in its own directory. */
let emulator: ChildProcess;
let client: CognitoIdentityProviderClient;
let userPoolId: string;

beforeAll(async () => {
  const cwd = mkdtempSync(path.join(tmpdir(), 'cognito-'));
  // Its default pools sign in by email; the reps' pool has usernames (email is an alias), as in the CDK app.
  mkdirSync(path.join(cwd, '.cognito'));
  writeFileSync(
    path.join(cwd, '.cognito/config.json'),
    JSON.stringify({ UserPoolDefaults: { UsernameAttributes: [] } }),
  );
  emulator = spawn(process.execPath, [require.resolve('cognito-local/lib/bin/start.js')], {
    cwd,
    env: { ...process.env, PORT: '0', NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  const endpoint = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`cognito-local did not start: ${output}`)), 20_000);
    emulator.stdout?.on('data', (chunk) => {
      output += String(chunk);
      const found = /running on (http:\/\/[\d.]+:\d+)/.exec(output);
      if (found?.[1]) {
        clearTimeout(timer);
        resolve(found[1]);
      }
    });
  });
  client = new CognitoIdentityProviderClient({
    endpoint,
    region: 'ap-southeast-2',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  userPoolId =
    (await client.send(new CreateUserPoolCommand({ PoolName: 'reps', AliasAttributes: ['email'] }))).UserPool
      ?.Id ?? '';
  for (const role of ['agent', 'approver', 'admin']) {
    await client.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: role }));
  }
  const rep = async (username: string, name: string | undefined, groups: string[]) => {
    await client.send(
      new AdminCreateUserCommand({
        UserPoolId: userPoolId,
        Username: username,
        MessageAction: 'SUPPRESS',
        UserAttributes: [
          { Name: 'email', Value: `${username}@harbourline.example` },
          ...(name ? [{ Name: 'name', Value: name }] : []),
        ],
      }),
    );
    for (const group of groups) {
      await client.send(
        new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: username, GroupName: group }),
      );
    }
  };
  await rep('ava', 'Ava Nguyen', ['agent']);
  await rep('liam', 'Liam Brooks', ['agent', 'approver']);
  await rep('noname', undefined, ['admin']);
  await rep('outsider', 'Not A Rep', []);
  await rep('gone', 'Former Rep', ['agent']);
  await client.send(new AdminDisableUserCommand({ UserPoolId: userPoolId, Username: 'gone' }));
}, 60_000);

afterAll(() => {
  client?.destroy();
  emulator?.kill();
});

describe('the reps of a Cognito user pool', () => {
  it('lists the members of the role groups by name, with every role they hold, disabled ones marked', async () => {
    const reps = await new CognitoRepDirectory(client, userPoolId).list();

    expect(reps).toEqual([
      { id: 'ava', name: 'Ava Nguyen', roles: ['agent'], active: true },
      { id: 'gone', name: 'Former Rep', roles: ['agent'], active: false },
      { id: 'liam', name: 'Liam Brooks', roles: ['agent', 'approver'], active: true },
      // No name attribute: the email stands in.
      { id: 'noname', name: 'noname@harbourline.example', roles: ['admin'], active: true },
    ]);
  });

  it('remembers the list for a while, then reads it again', async () => {
    let now = Date.parse('2026-12-01T09:00:00Z');
    const directory = new CognitoRepDirectory(client, userPoolId, {
      ttlMs: 60_000,
      clock: { now: () => new Date(now) },
    });
    expect((await directory.list()).map((rep) => rep.id)).not.toContain('newcomer');
    await client.send(
      new AdminCreateUserCommand({
        UserPoolId: userPoolId,
        Username: 'newcomer',
        MessageAction: 'SUPPRESS',
        UserAttributes: [
          { Name: 'email', Value: 'newcomer@harbourline.example' },
          { Name: 'name', Value: 'New Comer' },
        ],
      }),
    );
    await client.send(
      new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: 'newcomer', GroupName: 'agent' }),
    );
    expect((await directory.list()).map((rep) => rep.id)).not.toContain('newcomer');
    now += 61_000;
    expect((await directory.list()).map((rep) => rep.id)).toContain('newcomer');
  });
});
