import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Customer, CustomerPreferences, Vehicle } from '../api/types';

/** A customer's contact, vehicles and preferences, loaded together for the forms that need them. */
export function useCustomerRecords(customerId: string | undefined) {
  const enabled = Boolean(customerId);
  const customer = useQuery({
    queryKey: ['customer', customerId],
    queryFn: () => api<Customer>(`/customers/${customerId}`),
    enabled,
  });
  const vehicles = useQuery({
    queryKey: ['vehicles', customerId],
    queryFn: () => api<{ items: Vehicle[] }>(`/customers/${customerId}/vehicles`),
    enabled,
  });
  const preferences = useQuery({
    queryKey: ['preferences', customerId],
    queryFn: () => api<CustomerPreferences>(`/customers/${customerId}/preferences`),
    enabled,
  });
  return { customer, vehicles, preferences };
}
