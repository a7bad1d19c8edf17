import { useQuery } from '@tanstack/react-query';
import { useSession } from '../../auth/session';
import { reviewQueries } from './api';

/** How many versions wait for the signed-in approver (none is asked of agents). */
export function useReviewCount(): number {
  const { user } = useSession();
  const approver = Boolean(user?.roles.some((role) => role === 'approver' || role === 'admin'));
  const inbox = useQuery({ ...reviewQueries.inbox(), enabled: approver });
  return approver
    ? (inbox.data?.items.filter((item) => item.allowedActions?.includes('approve')).length ?? 0)
    : 0;
}
