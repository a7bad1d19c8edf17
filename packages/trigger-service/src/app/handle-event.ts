import {
  automatedCommunicationId,
  type Clock,
  type Communication,
  type CommunicationRepository,
  type CompanyProfile,
  type CustomerContact,
  type CustomerRepository,
  communicationOf,
  DEFAULT_PREFERENCES,
  type DispatchQueue,
  type DispatchRequest,
  type MessageHeading,
  MissingDataError,
  type PaymentReminderRegistry,
  type Preferences,
  paymentReminderTime,
  planOutbound,
  recipientNames,
  selectTemplates,
  type Template,
  type TemplateRenderer,
  type TemplateRepository,
  type TriggerRef,
  type VehicleProjection,
} from '@import-comms/core';
import type { ValidatedEvent } from '@import-comms/events';

export interface TriggerDependencies {
  communications: CommunicationRepository;
  customers: CustomerRepository;
  templates: TemplateRepository;
  renderer: TemplateRenderer;
  queue: DispatchQueue;
  clock: Clock;
  company: CompanyProfile;
  paymentReminders: PaymentReminderRegistry;
}

export interface EventOutcome {
  /** Communications created by this delivery of the event (a redelivery creates none). */
  created: { communicationId: string; channel: string; status: string; templateId: string }[];
  /** Communications this event had already created (a redelivery, or the same eventId published again). */
  alreadyCreated: number;
  /** Projections were refused as older than what is stored. */
  stale: boolean;
}

const SYSTEM = 'system:trigger-service';

/**
 * One validated business event: update the projections it carries, then create one communication per template
 * and channel it fires (sent, deferred, or logged as not sent with the reason), and enqueue the ones due now.
 * Safe to run again for the same event: ids are deterministic and creation is conditional.
 */
export async function handleEvent(event: ValidatedEvent, deps: TriggerDependencies): Promise<EventOutcome> {
  const { detail } = event;
  if (event.name === 'paymentReceivedV1') await cancelReminders(event.detail.paymentId, deps);
  // The templates an event fires do not depend on the projections: both reads go at once.
  const [stale, candidates] = await Promise.all([
    updateProjections(event, deps),
    deps.templates.listByTrigger(event.contract.id),
  ]);
  const customerId = detail.customerId;
  if (!customerId) return { created: [], alreadyCreated: 0, stale };

  const templates = selectTemplates(candidates, detail);
  if (templates.length === 0) return { created: [], alreadyCreated: 0, stale };

  const vehicleId = 'vehicleId' in detail ? detail.vehicleId : undefined;
  const recipient = await deps.customers.getRecipient(customerId, vehicleId);
  const { contact, vehicle } = recipient;
  if (!contact)
    throw new MissingDataError(`customer ${customerId} is not known yet (no Customer Upserted event)`);
  const preferences = recipient.preferences?.preferences ?? DEFAULT_PREFERENCES;
  const now = deps.clock.now();

  // Each template's communication is independent of the others: built and stored at once, kept in order.
  const results = await Promise.all(
    templates.map(async (template) => {
      const trigger: TriggerRef = {
        eventId: detail.eventId,
        source: event.contract.source,
        detailType: event.contract.detailType,
        triggerId: template.templateId,
      };
      const communication = await buildCommunication({
        template,
        trigger,
        event,
        contact,
        vehicle,
        preferences,
        stale,
        now,
        deps,
      });
      const result = await deps.communications.create(communication);
      return { template, communication, result };
    }),
  );
  const created: EventOutcome['created'] = [];
  const due: DispatchRequest[] = [];
  const all: string[] = [];
  for (const { template, communication, result } of results) {
    all.push(communication.communicationId);
    const status = result.created ? communication.status : result.existing.status;
    if (result.created) {
      created.push({
        communicationId: communication.communicationId,
        channel: template.type,
        status,
        templateId: template.templateId,
      });
    }
    // A redelivered event re-enqueues a message still Pending: the dispatcher's claim makes that harmless.
    if (status === 'Pending')
      due.push({ communicationId: communication.communicationId, channel: template.type });
  }
  if (event.name === 'paymentDueV1') {
    // Every id, new or found again: a retry after a crash still registers what the first attempt created.
    await deps.paymentReminders.add(event.detail.paymentId, all);
  }
  if (due.length > 0) {
    const failed = await deps.queue.enqueue(due);
    if (failed.length > 0)
      throw new Error(`could not enqueue ${failed.map((r) => r.communicationId).join(', ')}`);
  }
  return { created, alreadyCreated: results.length - created.length, stale };
}

/** A payment arrived: reminders not yet sent for it are cancelled (those already sent stay as they are). */
async function cancelReminders(paymentId: string, deps: TriggerDependencies): Promise<void> {
  const ids = await deps.paymentReminders.remindersOf(paymentId);
  for (const id of ids) {
    await deps.communications.transition(id, {
      status: 'Cancelled',
      at: deps.clock.now(),
      reason: 'payment received',
    });
  }
}

async function updateProjections(event: ValidatedEvent, deps: TriggerDependencies): Promise<boolean> {
  const now = deps.clock.now().toISOString();
  switch (event.name) {
    case 'customerUpsertedV1': {
      const customer = event.detail;
      const saved = await deps.customers.saveContact({
        customerId: customer.customerId,
        firstName: customer.firstName,
        lastName: customer.lastName,
        ...(customer.email ? { email: customer.email } : {}),
        ...(customer.phone ? { phone: customer.phone } : {}),
        language: customer.language,
        timezone: customer.timezone,
        asOf: customer.occurredAt,
        updatedAt: now,
      });
      return !saved.saved;
    }
    case 'vehicleUpsertedV1': {
      const vehicle = event.detail;
      const saved = await deps.customers.saveVehicleDetails({
        vehicleId: vehicle.vehicleId,
        customerId: vehicle.customerId,
        make: vehicle.make,
        model: vehicle.model,
        year: vehicle.year,
        ...(vehicle.vin ? { vin: vehicle.vin } : {}),
        ...(vehicle.chassisNumber ? { chassisNumber: vehicle.chassisNumber } : {}),
        ...(vehicle.colour ? { colour: vehicle.colour } : {}),
        asOf: vehicle.occurredAt,
      });
      return !saved.saved;
    }
    case 'importStageChangedV1': {
      const stage = event.detail;
      const saved = await deps.customers.recordStageChange({
        vehicleId: stage.vehicleId,
        customerId: stage.customerId,
        stage: stage.toStage,
        stageSequence: stage.stageSequence,
        stageChangedAt: stage.occurredAt,
        stageEventId: stage.eventId,
      });
      return !saved.saved;
    }
    default:
      return false;
  }
}

interface BuildInput {
  template: Template;
  trigger: TriggerRef;
  event: ValidatedEvent;
  contact: CustomerContact;
  vehicle: VehicleProjection | undefined;
  preferences: Preferences;
  stale: boolean;
  now: Date;
  deps: TriggerDependencies;
}

async function buildCommunication(input: BuildInput): Promise<Communication> {
  const { template, trigger, event, contact, vehicle, preferences, now, deps } = input;
  const { detail } = event;
  const channel = template.type;
  const heading: MessageHeading = {
    communicationId: automatedCommunicationId(trigger.eventId, template.templateId, channel),
    customerId: contact.customerId,
    ...('vehicleId' in detail && detail.vehicleId ? { vehicleId: detail.vehicleId } : {}),
    ...recipientNames(contact, vehicle),
    channel,
    category: template.category,
    templateId: template.templateId,
    trigger,
    renderDetail: detail,
    createdBy: SYSTEM,
  };
  // Stage changes that arrive after a later one describe the past: say so, send nothing.
  if (input.stale && event.name === 'importStageChangedV1') {
    const detailText = `stage change ${event.detail.stageSequence} arrived after a later one`;
    return communicationOf(heading, { outcome: 'not-sent', reason: 'stale-event', detail: detailText }, now);
  }
  const plan = await planOutbound(
    {
      channel,
      category: template.category,
      contact,
      ...(vehicle ? { vehicle } : {}),
      preferences,
      source: { template, detail },
      now,
    },
    deps.renderer,
  );
  // Payment reminders wait until a few days before the due date (and never before quiet hours end).
  const reminderAt =
    event.name === 'paymentDueV1'
      ? paymentReminderTime(
          event.detail.dueDate,
          preferences.timezone ?? contact.timezone,
          now,
          template.dueDateOffsetDays,
        )
      : undefined;
  return communicationOf(heading, plan, now, reminderAt);
}
