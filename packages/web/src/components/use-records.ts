import { useQuery } from '@tanstack/react-query';
import { customerQueries } from '../features/customers/api';

/** A customer's contact, vehicles and preferences, loaded together for the forms that need them. */
export function useCustomerRecords(customerId: string | undefined) {
  const enabled = Boolean(customerId);
  const customer = useQuery({
    ...customerQueries.detail(customerId ?? ''),
    enabled,
  });
  const vehicles = useQuery({
    ...customerQueries.vehicles(customerId ?? ''),
    enabled,
  });
  const preferences = useQuery({
    ...customerQueries.preferences(customerId ?? ''),
    enabled,
  });
  return { customer, vehicles, preferences };
}
