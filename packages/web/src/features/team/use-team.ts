import { useQuery } from '@tanstack/react-query';
import { answer, client } from '../../api/client';
import type { Role } from '../../api/types';

export interface Rep {
  id: string;
  name: string;
  roles: Role[];
  active: boolean;
}

/** Who wrote when the customer did: their reply by email, a text, or a keyword that changed their consent. */
const CUSTOMER_ACTORS: Record<string, string> = {
  'customer:email': 'The customer, by email',
  'customer:sms': 'The customer, via SMS',
};

export const teamQuery = {
  queryKey: ['team'],
  queryFn: () => answer(client.GET('/api/team')),
  // Reps join and leave rarely: read once per session, again after five minutes.
  staleTime: 5 * 60_000,
};

/** The reps, and a name for any id a message or task stores (the id itself until the team is read). */
export function useTeam(): { reps: Rep[]; active: Rep[]; nameOf: (id: string) => string } {
  const team = useQuery(teamQuery);
  const reps = team.data?.items ?? [];
  const names = new Map(reps.map((rep) => [rep.id, rep.name]));
  return {
    reps,
    active: reps.filter((rep) => rep.active),
    nameOf: (id) => (id.startsWith('system:') ? 'Automatic' : (CUSTOMER_ACTORS[id] ?? names.get(id) ?? id)),
  };
}
