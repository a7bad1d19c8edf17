import type { SearchResults } from '../../api/types';
import { formatDateTime, vehicleName } from '../../components/ui';

/** One thing a search found, as a rep picks it: where it leads, what it is called, what tells it apart. */
export interface SearchHit {
  key: string;
  href: string;
  label: string;
  detail: string;
}

export interface SearchGroup {
  name: 'Customers' | 'Vehicles' | 'Messages';
  hits: SearchHit[];
}

const joined = (...parts: (string | undefined)[]) => parts.filter(Boolean).join(' · ');

/** The results in the order a rep scans them: people, then their vehicles, then what was said. */
export function groupsOf(results: SearchResults | undefined, text: string): SearchGroup[] {
  if (!results) return [];
  const groups: SearchGroup[] = [
    {
      name: 'Customers',
      hits: results.customers.map((customer) => ({
        key: `customer-${customer.customerId}`,
        href: `/customers/${encodeURIComponent(customer.customerId)}`,
        label: `${customer.firstName} ${customer.lastName}`,
        detail: joined(customer.customerId, customer.email, customer.phone),
      })),
    },
    {
      name: 'Vehicles',
      hits: results.vehicles.map((vehicle) => ({
        key: `vehicle-${vehicle.vehicleId}`,
        href: `/vehicles/${encodeURIComponent(vehicle.vehicleId)}`,
        label: vehicleName(vehicle) || vehicle.vehicleId,
        detail: joined(vehicle.vehicleId, vehicle.vin && `VIN ${vehicle.vin}`, vehicle.customerName),
      })),
    },
    {
      name: 'Messages',
      hits: results.communications.map((message) => ({
        key: `message-${message.communicationId}`,
        href: `/log?${new URLSearchParams({ q: text, open: message.communicationId })}`,
        label: message.subject || message.preview || message.type,
        detail: joined(
          message.type,
          message.customerName ?? message.customerId,
          formatDateTime(message.createdAt),
        ),
      })),
    },
  ];
  return groups.filter((group) => group.hits.length > 0);
}
