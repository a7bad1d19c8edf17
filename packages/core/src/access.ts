import { ForbiddenError } from './errors.js';

/**
 * Roles of the people using the system, each including the one before it: agents send, log and edit
 * drafts; approvers also review and activate templates; admins also do what only they should (clearing a
 * suppressed address, for one).
 */
export const ROLES = ['agent', 'approver', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who does something: the verified identity of a rep, or a service (`system:…`). */
export interface Actor {
  id: string;
  roles: readonly Role[];
}

export function hasRole(actor: Actor, role: Role): boolean {
  const needed = ROLES.indexOf(role);
  return actor.roles.some((held) => ROLES.indexOf(held) >= needed);
}

export function requireRole(actor: Actor, role: Role, action: string): void {
  if (!hasRole(actor, role)) throw new ForbiddenError(`${action} needs the ${role} role`);
}

/** A person who uses the system, as the team list shows them: for names where ids are stored. */
export interface Rep {
  id: string;
  /** The display name (the user pool's `name` attribute); the id where there is none. */
  name: string;
  roles: Role[];
  /** False once the rep's account is disabled: still named in history, no longer offered for new work. */
  active: boolean;
}

/** Who the reps are: the user pool in AWS, the demo users locally. */
export interface RepDirectory {
  list(): Promise<Rep[]>;
}

/** A fixed team (the local runtime's demo users, tests). */
export class StaticRepDirectory implements RepDirectory {
  constructor(private readonly reps: readonly Rep[]) {}

  async list(): Promise<Rep[]> {
    return [...this.reps];
  }
}
