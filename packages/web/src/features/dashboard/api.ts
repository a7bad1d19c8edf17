import { queryOptions } from '@tanstack/react-query';
import { answer, client } from '../../api/client';

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
      queryFn: () => answer(client.GET('/api/stats')),
      refetchInterval: 15_000,
    }),
  queues: () =>
    queryOptions({
      queryKey: dashboardKeys.queues(),
      queryFn: () => answer(client.GET('/api/queues')),
      refetchInterval: 15_000,
    }),
};
