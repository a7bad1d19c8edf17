import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { answer, client, withValues } from '../../api/client';
import type { Preferences } from '../../api/types';

/** Every key of customers and vehicles (a search's limit is part of its key: 8 suggestions are not 50 rows). */
export const customerKeys = {
  all: ['customers'] as const,
  search: (text: string, limit: number) => [...customerKeys.all, 'search', text, limit] as const,
  detail: (customerId: string) => [...customerKeys.all, 'detail', customerId] as const,
  vehicles: (customerId: string) => [...customerKeys.all, 'detail', customerId, 'vehicles'] as const,
  preferences: (customerId: string) => [...customerKeys.all, 'detail', customerId, 'preferences'] as const,
  preferenceHistory: (customerId: string) =>
    [...customerKeys.all, 'detail', customerId, 'preferences', 'history'] as const,
  vehicle: (vehicleId: string) => ['vehicles', 'detail', vehicleId] as const,
};

export const customerQueries = {
  search: (text: string, limit: number) =>
    queryOptions({
      queryKey: customerKeys.search(text, limit),
      queryFn: () =>
        answer(client.GET('/api/customers', { params: { query: withValues({ q: text, limit }) } })),
    }),
  detail: (customerId: string) =>
    queryOptions({
      queryKey: customerKeys.detail(customerId),
      queryFn: () => answer(client.GET('/api/customers/{customerId}', { params: { path: { customerId } } })),
    }),
  vehicles: (customerId: string) =>
    queryOptions({
      queryKey: customerKeys.vehicles(customerId),
      queryFn: () =>
        answer(client.GET('/api/customers/{customerId}/vehicles', { params: { path: { customerId } } })),
    }),
  preferences: (customerId: string) =>
    queryOptions({
      queryKey: customerKeys.preferences(customerId),
      queryFn: () =>
        answer(client.GET('/api/customers/{customerId}/preferences', { params: { path: { customerId } } })),
    }),
  preferenceHistory: (customerId: string) =>
    queryOptions({
      queryKey: customerKeys.preferenceHistory(customerId),
      queryFn: () =>
        answer(
          client.GET('/api/customers/{customerId}/preferences/history', { params: { path: { customerId } } }),
        ),
    }),
  vehicle: (vehicleId: string) =>
    queryOptions({
      queryKey: customerKeys.vehicle(vehicleId),
      queryFn: () => answer(client.GET('/api/vehicles/{vehicleId}', { params: { path: { vehicleId } } })),
    }),
};

/** Saves preferences against the revision read (a change made meanwhile is a 409 the page reloads on). */
export function useSavePreferences(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: { revision: number; preferences: Preferences }) =>
      answer(
        client.PUT('/api/customers/{customerId}/preferences', {
          params: { path: { customerId } },
          body: request,
        }),
      ),
    onSuccess: (saved) => {
      queryClient.setQueryData(customerKeys.preferences(customerId), saved);
      return queryClient.invalidateQueries({ queryKey: customerKeys.preferenceHistory(customerId) });
    },
  });
}
