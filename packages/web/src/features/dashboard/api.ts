import { queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { QueueDepth, Stats } from '../../api/types';

/** The dashboard's figures, refreshed while it is open. */
export const dashboardQueries = {
  stats: () =>
    queryOptions({
      queryKey: ['dashboard', 'stats'],
      queryFn: () => api<Stats>('/stats'),
      refetchInterval: 15_000,
    }),
  queues: () =>
    queryOptions({
      queryKey: ['dashboard', 'queues'],
      queryFn: () => api<{ items: QueueDepth[] }>('/queues'),
      refetchInterval: 15_000,
    }),
};
