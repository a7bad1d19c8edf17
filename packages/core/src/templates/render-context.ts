import type { CustomerContact, VehicleProjection } from '../customers/projections.js';
import { fullName } from '../customers/projections.js';

/** Company details every template may use; configured per deployment, never hard-coded in templates. */
export interface CompanyProfile {
  name: string;
  phone: string;
  email: string;
  website: string;
  /** Base URL of the customer portal; links to a vehicle and to preferences are built from it. */
  portalUrl: string;
}

export interface CustomerVariables {
  firstName: string;
  lastName: string;
  fullName: string;
  email?: string;
  phone?: string;
  language: string;
  timezone: string;
}

export interface VehicleVariables {
  make?: string;
  model?: string;
  year?: number;
  vin?: string;
  chassisNumber?: string;
  colour?: string;
  stage?: string;
  /** "2021 Toyota Land Cruiser 70", or whatever is known of it. */
  description: string;
}

export interface RenderContext {
  event: Record<string, unknown>;
  customer: CustomerVariables;
  vehicle?: VehicleVariables;
  company: CompanyProfile;
  links: { portal: string; vehicle?: string; preferences: string };
  /** Read by the formatting filters (money, dates, stage names); not listed in the catalogue. */
  format: { locale: string; timezone: string };
}

export interface RenderContextInput {
  detail: Record<string, unknown>;
  customer: Pick<
    CustomerContact,
    'customerId' | 'firstName' | 'lastName' | 'email' | 'phone' | 'language' | 'timezone'
  >;
  vehicle?: Pick<
    VehicleProjection,
    'vehicleId' | 'make' | 'model' | 'year' | 'vin' | 'chassisNumber' | 'colour' | 'stage'
  >;
  company: CompanyProfile;
  /** The locale the template is rendered in (the customer's language, or the fallback used). */
  locale: string;
}

export function vehicleDescription(vehicle: Pick<VehicleVariables, 'year' | 'make' | 'model'>): string {
  return (
    [vehicle.year, vehicle.make, vehicle.model].filter((part) => part !== undefined).join(' ') ||
    'your vehicle'
  );
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export function buildRenderContext(input: RenderContextInput): RenderContext {
  const { customer, vehicle, company } = input;
  const portal = company.portalUrl.replace(/\/+$/, '');
  return {
    event: input.detail,
    customer: withoutUndefined({
      firstName: customer.firstName,
      lastName: customer.lastName,
      fullName: fullName(customer),
      email: customer.email,
      phone: customer.phone,
      language: customer.language,
      timezone: customer.timezone,
    }),
    ...(vehicle
      ? {
          vehicle: withoutUndefined({
            make: vehicle.make,
            model: vehicle.model,
            year: vehicle.year,
            vin: vehicle.vin,
            chassisNumber: vehicle.chassisNumber,
            colour: vehicle.colour,
            stage: vehicle.stage,
            description: vehicleDescription(vehicle),
          }),
        }
      : {}),
    company,
    links: withoutUndefined({
      portal,
      vehicle: vehicle ? `${portal}/vehicles/${encodeURIComponent(vehicle.vehicleId)}` : undefined,
      preferences: `${portal}/preferences`,
    }),
    format: { locale: input.locale, timezone: customer.timezone },
  };
}
