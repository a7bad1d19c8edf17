import { diffLines } from 'diff';
import { type Actor, requireRole } from '../access.js';
import type { Channel, MessageCategory } from '../channels.js';
import { ConflictError, NotFoundError, TemplateValidationError } from '../errors.js';
import type { Clock, CustomerRepository, TemplateRepository } from '../ports.js';
import type { TemplateEngine } from './liquid-engine.js';
import { buildRenderContext, type CompanyProfile, type RenderContext } from './render-context.js';
import { assertAllowed, roleFor } from './review.js';
import { sampleRenderContext } from './samples.js';
import { TEMPLATE_STATE_STAMPS, type Template, type TemplateVersion } from './template.js';
import { type Preview, TemplateRenderer } from './template-renderer.js';
import { checkTemplate, type TemplateSource } from './validation.js';

export interface NewTemplate {
  templateId: string;
  name: string;
  type: Channel;
  category: MessageCategory;
  triggerEvent?: string;
  triggerFilter?: Record<string, unknown>;
  fallback?: boolean;
  channelFallback?: boolean;
  locale: string;
  subject?: string;
  content: string;
  changeNote?: string;
}

export interface TemplateRevision {
  locale: string;
  subject?: string;
  content: string;
  changeNote?: string;
}

export interface LineChange {
  kind: 'added' | 'removed' | 'unchanged';
  text: string;
}

export interface TemplateDiff {
  from: number;
  to: number;
  subject: LineChange[];
  content: LineChange[];
}

/** A version's state as the head decides it: Active only if the head names it for its locale. */
export function stateUnderHead(version: TemplateVersion, head: Template): TemplateVersion['state'] {
  if (head.activeVersions[version.locale] === version.version) return 'Active';
  return version.state === 'Active' ? 'Retired' : version.state;
}

/**
 * Template use cases: every edit is a new immutable version; a version goes Draft → InReview → Approved →
 * Active, approved by someone other than its author who holds the approver role; only active versions are
 * ever sent, one per template and locale. Sending itself is the `TemplateRenderer` this extends.
 */
export class TemplateService extends TemplateRenderer {
  private readonly clock: Clock;
  private readonly customers: CustomerRepository | undefined;

  /**
   * `company` is what every message names (required: the sample company is for previews and tests only, and a
   * default would brand real messages with it); `customers` is needed to render for a real customer. `engine`
   * may be given as a loader: a process that seldom renders (the API's reads) then loads and warms the template
   * engine on the first render instead of at every cold start.
   */
  constructor(options: {
    templates: TemplateRepository;
    engine: TemplateEngine | (() => Promise<TemplateEngine>);
    clock: Clock;
    company: CompanyProfile;
    customers?: CustomerRepository;
  }) {
    super(options);
    this.clock = options.clock;
    this.customers = options.customers;
  }

  private async check(source: Parameters<typeof checkTemplate>[1]): Promise<string[]> {
    const result = checkTemplate(await this.templateEngine(), source);
    if (!result.ok) throw new TemplateValidationError(result.issues);
    return result.variables;
  }

  async get(templateId: string): Promise<Template> {
    const template = await this.templates.get(templateId);
    if (!template) throw new NotFoundError(`template ${templateId} does not exist`);
    return template;
  }

  async getVersion(templateId: string, version: number): Promise<TemplateVersion> {
    const found = await this.templates.getVersion(templateId, version);
    if (!found) throw new NotFoundError(`template ${templateId} has no version ${version}`);
    return found;
  }

  async create(input: NewTemplate, actor: Actor): Promise<{ template: Template; version: TemplateVersion }> {
    requireRole(actor, 'agent', 'creating a template');
    if (!/^[a-z0-9][a-z0-9-]{1,62}$/.test(input.templateId)) {
      throw new TemplateValidationError([
        { message: 'templateId must be 2–63 lower-case letters, digits or dashes', part: 'templateId' },
      ]);
    }
    const variables = await this.check(input);
    const at = this.clock.now().toISOString();
    const version: TemplateVersion = {
      templateId: input.templateId,
      version: 1,
      locale: input.locale,
      ...(input.subject !== undefined ? { subject: input.subject } : {}),
      content: input.content,
      variables,
      state: 'Draft',
      createdAt: at,
      createdBy: actor.id,
      ...(input.changeNote ? { changeNote: input.changeNote } : {}),
    };
    const template: Template = {
      templateId: input.templateId,
      name: input.name,
      type: input.type,
      category: input.category,
      ...(input.triggerEvent ? { triggerEvent: input.triggerEvent } : {}),
      ...(input.triggerFilter ? { triggerFilter: input.triggerFilter } : {}),
      ...(input.fallback ? { fallback: true } : {}),
      ...(input.channelFallback ? { channelFallback: true } : {}),
      defaultLocale: input.locale,
      ...(input.subject !== undefined ? { subject: input.subject } : {}),
      content: input.content,
      variables,
      latestVersion: 1,
      activeVersions: {},
      isActive: false,
      createdAt: at,
      updatedAt: at,
      createdBy: actor.id,
    };
    const saved = await this.templates.create(template, version);
    if (!saved.saved) throw new ConflictError(`template ${input.templateId} already exists`);
    return { template, version };
  }

  /** Saves an edit as the next version, a Draft; the versions before it never change. */
  async revise(templateId: string, revision: TemplateRevision, actor: Actor): Promise<TemplateVersion> {
    requireRole(actor, 'agent', 'editing a template');
    const head = await this.get(templateId);
    const variables = await this.check({
      type: head.type,
      ...(head.triggerEvent ? { triggerEvent: head.triggerEvent } : {}),
      ...revision,
    });
    const at = this.clock.now().toISOString();
    const version: TemplateVersion = {
      templateId,
      version: head.latestVersion + 1,
      locale: revision.locale,
      ...(revision.subject !== undefined ? { subject: revision.subject } : {}),
      content: revision.content,
      variables,
      state: 'Draft',
      createdAt: at,
      createdBy: actor.id,
      ...(revision.changeNote ? { changeNote: revision.changeNote } : {}),
    };
    const isDefaultLocale = revision.locale === head.defaultLocale;
    const saved = await this.templates.addVersion(version, {
      ...head,
      ...(isDefaultLocale ? { content: revision.content, variables } : {}),
      ...(isDefaultLocale && revision.subject !== undefined ? { subject: revision.subject } : {}),
      updatedAt: at,
    });
    if (!saved.saved)
      throw new ConflictError(`template ${templateId} changed meanwhile: reload and try again`);
    return version;
  }

  async submitForReview(templateId: string, version: number, actor: Actor): Promise<TemplateVersion> {
    return this.review('submit', templateId, version, actor);
  }

  async approve(
    templateId: string,
    version: number,
    actor: Actor,
    comment?: string,
  ): Promise<TemplateVersion> {
    return this.review('approve', templateId, version, actor, comment);
  }

  /** Sends a version back to its author with the reason; the author's next edit is a new draft. */
  async reject(templateId: string, version: number, actor: Actor, comment: string): Promise<TemplateVersion> {
    if (!comment.trim())
      throw new TemplateValidationError([{ message: 'a rejection needs a comment for the author' }]);
    return this.review('reject', templateId, version, actor, comment);
  }

  /** A review step, under the rules of `review.ts` (the same rules that tell the UI what it may offer). */
  private async review(
    action: 'submit' | 'approve' | 'reject',
    templateId: string,
    version: number,
    actor: Actor,
    comment?: string,
  ): Promise<TemplateVersion> {
    const { role, doing } = roleFor(action);
    requireRole(actor, role, doing);
    const current = await this.getVersion(templateId, version);
    assertAllowed(action, current, actor);
    const to = action === 'submit' ? 'InReview' : action === 'approve' ? 'Approved' : 'Rejected';
    return this.move(templateId, version, to, actor, comment);
  }

  /**
   * Makes an approved version the one that is sent for its locale; the version it replaces is retired.
   * Activating an earlier approved version is a rollback.
   */
  async activate(templateId: string, version: number, actor: Actor): Promise<Template> {
    const { role, doing } = roleFor('activate');
    requireRole(actor, role, doing);
    const head = await this.get(templateId);
    const target = await this.getVersion(templateId, version);
    assertAllowed('activate', target, actor);
    const previous = head.activeVersions[target.locale];
    const updated: Template = {
      ...head,
      activeVersions: { ...head.activeVersions, [target.locale]: version },
      isActive: true,
      updatedAt: this.clock.now().toISOString(),
    };
    // The head is the one conditional write that decides which version is active: of two activations at once,
    // one wins and the other changes nothing. The versions' stored states follow it (and are read through it,
    // see listVersions), so a crash or a race between the writes below can never show two active versions.
    const saved = await this.templates.saveHead(updated, head.updatedAt);
    if (!saved.saved)
      throw new ConflictError(`template ${templateId} changed meanwhile: reload and try again`);
    const at = this.clock.now();
    if (target.state !== 'Active')
      await this.templates.moveVersion(templateId, version, 'Active', { by: actor.id, at });
    if (previous !== undefined && previous !== version)
      await this.templates.moveVersion(templateId, previous, 'Retired', { by: actor.id, at });
    return updated;
  }

  /**
   * Every version of a template, with the state the head gives it: the version the head names
   * for its locale is Active, one stored Active that the head no longer names is Retired.
   */
  async listVersions(templateId: string): Promise<TemplateVersion[]> {
    const [head, versions] = await Promise.all([
      this.get(templateId),
      this.templates.listVersions(templateId),
    ]);
    return versions.map((version) => {
      const state = stateUnderHead(version, head);
      return state === version.state ? version : { ...version, state };
    });
  }

  /** A comment on a version by anyone who may read templates: its author answering a review, or a reviewer. */
  async comment(templateId: string, version: number, actor: Actor, text: string): Promise<TemplateVersion> {
    requireRole(actor, 'agent', 'commenting on a template');
    const current = await this.getVersion(templateId, version);
    const entry = { by: actor.id, at: this.clock.now().toISOString(), text };
    const saved = await this.templates.addComment(templateId, version, entry);
    if (!saved.saved) throw new NotFoundError(`version ${version} of ${templateId} does not exist`);
    return { ...current, comments: [...(current.comments ?? []), entry] };
  }

  /**
   * Turns the template's channel fallback on or off (approver): whether a message that cannot reach the customer
   * goes out once on the other channel. A setting of the template, not of a version: no review.
   */
  async setChannelFallback(templateId: string, enabled: boolean, actor: Actor): Promise<Template> {
    requireRole(actor, 'approver', 'changing how a template falls back');
    const head = await this.get(templateId);
    const { channelFallback: _previous, ...rest } = head;
    const updated: Template = {
      ...rest,
      ...(enabled ? { channelFallback: true } : {}),
      updatedAt: this.clock.now().toISOString(),
    };
    const saved = await this.templates.saveHead(updated, head.updatedAt);
    if (!saved.saved)
      throw new ConflictError(`template ${templateId} changed meanwhile: reload and try again`);
    return updated;
  }

  /** Stops a template from being sent at all (every locale); its versions keep their history. */
  async deactivate(templateId: string, actor: Actor): Promise<Template> {
    requireRole(actor, 'approver', 'deactivating a template');
    const head = await this.get(templateId);
    const updated: Template = {
      ...head,
      activeVersions: {},
      isActive: false,
      updatedAt: this.clock.now().toISOString(),
    };
    const saved = await this.templates.saveHead(updated, head.updatedAt);
    if (!saved.saved)
      throw new ConflictError(`template ${templateId} changed meanwhile: reload and try again`);
    for (const version of Object.values(head.activeVersions)) {
      await this.templates.moveVersion(templateId, version, 'Retired', {
        by: actor.id,
        at: this.clock.now(),
      });
    }
    return updated;
  }

  async diff(templateId: string, from: number, to: number): Promise<TemplateDiff> {
    const [a, b] = await Promise.all([this.getVersion(templateId, from), this.getVersion(templateId, to)]);
    const lines = (before: string, after: string): LineChange[] =>
      diffLines(before, after).flatMap((change) =>
        change.value
          .replace(/\n$/, '')
          .split('\n')
          .map((text) => ({
            kind: change.added
              ? ('added' as const)
              : change.removed
                ? ('removed' as const)
                : ('unchanged' as const),
            text,
          })),
      );
    return {
      from,
      to,
      subject: lines(a.subject ?? '', b.subject ?? ''),
      content: lines(a.content, b.content),
    };
  }

  /** Renders a version with sample data (the trigger's example event) or with a real context. */
  async preview(templateId: string, version: number, context?: RenderContext): Promise<Preview> {
    const head = await this.get(templateId);
    const target = await this.getVersion(templateId, version);
    const renderContext =
      context ?? sampleRenderContext(head.triggerEvent ?? 'manual', target.locale, this.company);
    return await this.render(
      head.type,
      { templateId, version, locale: target.locale },
      target,
      renderContext,
    );
  }

  /**
   * Renders a version for a real customer (and vehicle): their names, language and time zone, with the
   * trigger's example event standing in for the event that has not happened yet.
   */
  async previewFor(
    templateId: string,
    version: number,
    records: { customerId: string; vehicleId?: string },
  ): Promise<Preview> {
    const [head, target] = await Promise.all([this.get(templateId), this.getVersion(templateId, version)]);
    const context = await this.contextFor(head.triggerEvent, target.locale, records);
    return this.preview(templateId, version, context);
  }

  /**
   * Renders unsaved content (the editor's live preview): the save-time checks first, with every issue located,
   * then a render with sample data or with a real customer's records.
   */
  async previewDraft(
    source: TemplateSource,
    records?: { customerId: string; vehicleId?: string },
  ): Promise<Preview> {
    const check = checkTemplate(await this.templateEngine(), source);
    if (!check.ok) return check;
    const context = records
      ? await this.contextFor(source.triggerEvent, source.locale, records)
      : sampleRenderContext(source.triggerEvent ?? 'manual', source.locale, this.company);
    return await this.render(source.type, undefined, source, context);
  }

  private async contextFor(
    triggerId: string | undefined,
    locale: string,
    records: { customerId: string; vehicleId?: string },
  ): Promise<RenderContext> {
    if (!this.customers) throw new Error('TemplateService was built without a customer repository');
    const [contact, vehicle] = await Promise.all([
      this.customers.getContact(records.customerId),
      records.vehicleId ? this.customers.getVehicle(records.vehicleId) : Promise.resolve(undefined),
    ]);
    if (!contact) throw new NotFoundError(`customer ${records.customerId} does not exist`);
    if (records.vehicleId && !vehicle) throw new NotFoundError(`vehicle ${records.vehicleId} does not exist`);
    const sample = sampleRenderContext(triggerId ?? 'manual', locale, this.company);
    return buildRenderContext({
      detail: sample.event,
      customer: contact,
      ...(vehicle ? { vehicle } : {}),
      company: this.company,
      locale,
    });
  }

  private async move(
    templateId: string,
    version: number,
    to: TemplateVersion['state'],
    actor: Actor,
    comment?: string,
  ): Promise<TemplateVersion> {
    const current = await this.getVersion(templateId, version);
    const at = this.clock.now();
    const moved = await this.templates.moveVersion(templateId, version, to, {
      by: actor.id,
      at,
      ...(comment ? { comment } : {}),
      author: current.createdBy,
    });
    if (!moved.saved)
      throw new ConflictError(`version ${version} is ${current.state}: it cannot become ${to}`);
    const stamps = TEMPLATE_STATE_STAMPS[to];
    return {
      ...current,
      state: to,
      [stamps.at]: at.toISOString(),
      ...(stamps.by ? { [stamps.by]: actor.id } : {}),
      ...(comment ? { reviewComment: comment } : {}),
    };
  }
}
