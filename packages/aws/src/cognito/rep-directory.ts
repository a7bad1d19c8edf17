import {
  type CognitoIdentityProviderClient,
  ListUsersInGroupCommand,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import { type Clock, type Rep, type RepDirectory, ROLES, type Role, systemClock } from '@import-comms/core';

/** Long enough that a page of names costs no call; short enough that a new rep appears within minutes. */
const DEFAULT_TTL_MS = 5 * 60_000;

/**
 * The reps of a Cognito user pool: the members of the role groups (`agent`, `approver`, `admin`), named by their
 * `name` attribute. One ListUsersInGroup walk per role, remembered for a few minutes.
 */
export class CognitoRepDirectory implements RepDirectory {
  private cached: { reps: Rep[]; at: number } | undefined;

  constructor(
    private readonly client: CognitoIdentityProviderClient,
    private readonly userPoolId: string,
    private readonly options: { ttlMs?: number; clock?: Clock } = {},
  ) {}

  async list(): Promise<Rep[]> {
    const now = (this.options.clock ?? systemClock).now().getTime();
    if (this.cached && now - this.cached.at < (this.options.ttlMs ?? DEFAULT_TTL_MS)) return this.cached.reps;
    const byId = new Map<string, Rep>();
    for (const role of ROLES) {
      for (const user of await this.members(role)) {
        const id = user.Username ?? '';
        if (!id) continue;
        const known = byId.get(id) ?? { id, name: nameOf(user), roles: [], active: user.Enabled !== false };
        known.roles.push(role);
        byId.set(id, known);
      }
    }
    const reps = [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
    this.cached = { reps, at: now };
    return reps;
  }

  private async members(role: Role): Promise<UserType[]> {
    const users: UserType[] = [];
    let next: string | undefined;
    do {
      const page = await this.client.send(
        new ListUsersInGroupCommand({
          UserPoolId: this.userPoolId,
          GroupName: role,
          Limit: 60,
          NextToken: next,
        }),
      );
      users.push(...(page.Users ?? []));
      next = page.NextToken;
    } while (next);
    return users;
  }
}

function nameOf(user: UserType): string {
  const attribute = (name: string) => user.Attributes?.find((candidate) => candidate.Name === name)?.Value;
  return attribute('name') ?? attribute('email') ?? user.Username ?? '';
}
