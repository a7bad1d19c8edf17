import {
  automatedCommunicationId,
  type Clock,
  type Communication,
  type CommunicationRepository,
  type CompanyProfile,
  type CustomerContact,
  type CustomerRepository,
  DEFAULT_PREFERENCES,
  type DispatchQueue,
  type DispatchRequest,
  decideChannels,
  MissingDataError,
  type NotSentReason,
  newNotSentMessage,
  newOutboundMessage,
  type PaymentReminderRegistry,
  paymentReminderTime,
  selectTemplates,
  type Template,
  type TemplateRepository,
  type TemplateService,
  type TriggerRef,
} from '@import-comms/core';
import {
  type CustomerUpsertedV1,
  contracts,
  type ImportStageChangedV1,
  type ValidatedEvent,
  type VehicleUpsertedV1,
} from '@import-comms/events';

export interface TriggerDependencies {
  communications: CommunicationRepository;
  customers: CustomerRepository;
  templates: TemplateRepository;
  templateService: TemplateService;
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

type Detail = Record<string, unknown> & {
  eventId: string;
  customerId?: string;
  vehicleId?: string;
  occurredAt: string;
};

/**
 * One validated business event: update the projections it carries, then create one communication per template
 * and channel it fires (sent, deferred, or logged as not sent with the reason), and enqueue the ones due now.
 * Safe to run again for the same event: ids are deterministic and creation is conditional.
 */
export async function handleEvent(event: ValidatedEvent, deps: TriggerDependencies): Promise<EventOutcome> {
  const detail = event.detail as Detail;
  if (event.contract.id === contracts.paymentReceivedV1.id)
    await cancelReminders(String(detail.paymentId), deps);
  // The templates an event fires do not depend on the projections: both reads go at once.
  const [stale, candidates] = await Promise.all([
    updateProjections(event, detail, deps),
    deps.templates.listByTrigger(event.contract.id),
  ]);
  const customerId = detail.customerId;
  if (!customerId) return { created: [], alreadyCreated: 0, stale };

  const templates = selectTemplates(candidates, detail);
  if (templates.length === 0) return { created: [], alreadyCreated: 0, stale };

  const recipient = await deps.customers.getRecipient(customerId, detail.vehicleId);
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
        detail,
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
  if (event.contract.id === contracts.paymentDueV1.id) {
    // Every id, new or found again: a retry after a crash still registers what the first attempt created.
    await deps.paymentReminders.add(String(detail.paymentId), all);
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

async function updateProjections(
  event: ValidatedEvent,
  detail: Detail,
  deps: TriggerDependencies,
): Promise<boolean> {
  const now = deps.clock.now().toISOString();
  switch (event.contract.id) {
    case contracts.customerUpsertedV1.id: {
      const customer = detail as unknown as CustomerUpsertedV1.Detail;
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
    case contracts.vehicleUpsertedV1.id: {
      const vehicle = detail as unknown as VehicleUpsertedV1.Detail;
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
    case contracts.importStageChangedV1.id: {
      const stage = detail as unknown as ImportStageChangedV1.Detail;
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
  detail: Detail;
  contact: CustomerContact;
  vehicle: Awaited<ReturnType<CustomerRepository['getVehicle']>>;
  preferences: typeof DEFAULT_PREFERENCES;
  stale: boolean;
  now: Date;
  deps: TriggerDependencies;
}

async function buildCommunication(input: BuildInput): Promise<Communication> {
  const { template, trigger, detail, contact, vehicle, preferences, now, deps } = input;
  const channel = template.type;
  const communicationId = automatedCommunicationId(trigger.eventId, template.templateId, channel);
  const base = {
    communicationId,
    customerId: contact.customerId,
    ...(detail.vehicleId ? { vehicleId: detail.vehicleId } : {}),
    channel,
    category: template.category,
    templateId: template.templateId,
    trigger,
    createdBy: SYSTEM,
  };
  const notSent = (reason: NotSentReason, content?: string) =>
    newNotSentMessage({ ...base, ...(content ? { content } : {}) }, reason, now);

  // Stage changes that arrive after a later one describe the past: say so, send nothing.
  if (input.stale && trigger.detailType === contracts.importStageChangedV1.detailType) {
    return notSent('stale-event', `stage change ${String(detail.stageSequence)} arrived after a later one`);
  }
  const decision = decideChannels({
    category: template.category,
    candidates: [channel],
    contact,
    preferences,
    now,
  });
  const skipped = decision.skipped[0];
  const delivery = decision.deliveries[0];
  if (skipped || !delivery) return notSent(skipped?.reason ?? 'channel-disabled', skipped?.detail);

  const rendered = await deps.templateService.renderActive(template, {
    detail,
    contact,
    ...(vehicle ? { vehicle } : {}),
    language: preferences.language ?? contact.language,
  });
  if (!rendered.ok) {
    return rendered.reason === 'template-inactive'
      ? notSent('template-inactive')
      : notSent('template-error', rendered.issues.map((issue) => issue.message).join('; '));
  }
  // Payment reminders wait until a few days before the due date (and never before quiet hours end).
  const reminderAt =
    trigger.detailType === contracts.paymentDueV1.detailType && typeof detail.dueDate === 'string'
      ? paymentReminderTime(
          detail.dueDate,
          preferences.timezone ?? contact.timezone,
          now,
          template.dueDateOffsetDays,
        )
      : now;
  const sendAt = new Date(Math.max(reminderAt.getTime(), delivery.sendAt.getTime()));
  return newOutboundMessage(
    {
      ...base,
      address: delivery.address,
      ...('email' in rendered
        ? { subject: rendered.email.subject, content: rendered.email.text, contentHtml: rendered.email.html }
        : {
            content: rendered.sms.text,
            sms: { encoding: rendered.sms.encoding, segments: rendered.sms.segments },
          }),
      templateVersion: rendered.version.version,
      ...(sendAt.getTime() > now.getTime() ? { scheduledFor: sendAt } : {}),
    },
    now,
  );
}
