import { exampleOf } from '@import-comms/events';
import { buildRenderContext, type CompanyProfile, type RenderContext } from './render-context.js';
import { findTrigger } from './triggers.js';

/** Company details used for previews and local runs; deployments configure their own. */
export const SAMPLE_COMPANY: CompanyProfile = {
  name: 'Harbourline Vehicle Imports',
  phone: '+61 3 9000 1234',
  email: 'care@harbourline.example',
  website: 'https://harbourline.example',
  portalUrl: 'https://my.harbourline.example',
};

export const SAMPLE_CUSTOMER = {
  customerId: 'CU-2001',
  firstName: 'Aiko',
  lastName: 'Tanaka',
  email: 'aiko.tanaka@example.com',
  phone: '+61412345678',
  language: 'en-AU',
  timezone: 'Australia/Melbourne',
};

export const SAMPLE_VEHICLE = {
  vehicleId: 'VH-1001',
  make: 'Toyota',
  model: 'Land Cruiser 70',
  year: 2021,
  chassisNumber: 'GRJ76-1234567',
  colour: 'Sand Beige',
};

/** A render context for a trigger from its example event (events/examples) and the sample customer/vehicle. */
export function sampleRenderContext(
  triggerId: string,
  locale: string,
  company: CompanyProfile = SAMPLE_COMPANY,
): RenderContext {
  const trigger = findTrigger(triggerId);
  const detail = trigger?.contract ? (exampleOf(trigger.contract.id).Detail as Record<string, unknown>) : {};
  return buildRenderContext({
    detail,
    customer: SAMPLE_CUSTOMER,
    ...(trigger?.hasVehicle === false ? {} : { vehicle: { ...SAMPLE_VEHICLE, stage: 'SHIPPED' as const } }),
    company,
    locale,
  });
}
