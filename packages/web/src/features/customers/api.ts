import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, query } from '../../api/client';
import type { Customer, CustomerPreferences, Preferences, Vehicle } from '../../api/types';

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
      queryFn: () => api<{ items: Customer[] }>(`/customers${query({ q: text, limit })}`),
    }),
  detail: (customerId: string) =>
    queryOptions({
      queryKey: customerKeys.detail(customerId),
      queryFn: () => api<Customer>(`/customers/${customerId}`),
    }),
  vehicles: (customerId: string) =>
    queryOptions({
      queryKey: customerKeys.vehicles(customerId),
      queryFn: () => api<{ items: Vehicle[] }>(`/customers/${customerId}/vehicles`),
    }),
  preferences: (customerId: string) =>
    queryOptions({
      queryKey: customerKeys.preferences(customerId),
      queryFn: () => api<CustomerPreferences>(`/customers/${customerId}/preferences`),
    }),
  preferenceHistory: (customerId: string) =>
    queryOptions({
      queryKey: customerKeys.preferenceHistory(customerId),
      queryFn: () => api<{ items: CustomerPreferences[] }>(`/customers/${customerId}/preferences/history`),
    }),
  vehicle: (vehicleId: string) =>
    queryOptions({
      queryKey: customerKeys.vehicle(vehicleId),
      queryFn: () => api<Vehicle>(`/vehicles/${vehicleId}`),
    }),
};

/** Saves preferences against the revision read (a change made meanwhile is a 409 the page reloads on). */
export function useSavePreferences(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: { revision: number; preferences: Preferences }) =>
      api<CustomerPreferences>(`/customers/${customerId}/preferences`, { method: 'PUT', body: request }),
    onSuccess: (saved) => {
      queryClient.setQueryData(customerKeys.preferences(customerId), saved);
      return queryClient.invalidateQueries({ queryKey: customerKeys.preferenceHistory(customerId) });
    },
  });
}
