import { queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { QueueDepth, Stats } from '../../api/types';

export const dashboardKeys = {
  all: ['dashboard'] as const,
  stats: () => [...dashboardKeys.all, 'stats'] as const,
  queues: () => [...dashboardKeys.all, 'queues'] as const,
};

/** The dashboard's figures, refreshed while it is open. */
export const dashboardQueries = {
  stats: () =>
    queryOptions({
      queryKey: dashboardKeys.stats(),
      queryFn: () => api<Stats>('/stats'),
      refetchInterval: 15_000,
    }),
  queues: () =>
    queryOptions({
      queryKey: dashboardKeys.queues(),
      queryFn: () => api<{ items: QueueDepth[] }>('/queues'),
      refetchInterval: 15_000,
    }),
};
