import {
  type CustomerContact,
  customerSearchWords,
  DIRECTORY_TERM_KEYS,
  foldForSearch,
  type VehicleDetails,
  vehicleSearchWords,
} from '@import-comms/core';
import { keys } from '../keys.js';
import type { PostingSource } from './postings.js';

/** How the directory sorts people: by last name, then first name, accents folded. */
export const nameSortKey = (contact: Pick<CustomerContact, 'customerId' | 'firstName' | 'lastName'>) =>
  `${foldForSearch(`${contact.lastName} ${contact.firstName}`)}#${contact.customerId}`;

/** What a customer is found by, and where its postings go. */
export const customerPostings = async (contact: CustomerContact): Promise<PostingSource> => ({
  kind: 'CUSTOMER',
  rule: DIRECTORY_TERM_KEYS,
  words: await customerSearchWords(contact),
  sortKey: nameSortKey(contact),
  ref: keys.customerContact(contact.customerId).PK,
});

/** What a vehicle is found by, and where its postings go. */
export const vehiclePostings = (vehicle: VehicleDetails): PostingSource => ({
  kind: 'VEHICLE',
  rule: DIRECTORY_TERM_KEYS,
  words: vehicleSearchWords(vehicle),
  sortKey: vehicle.vehicleId,
  ref: keys.vehicle(vehicle.vehicleId).PK,
});
