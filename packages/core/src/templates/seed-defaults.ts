import { TemplateValidationError } from '../errors.js';
import type { Clock, TemplateRepository } from '../ports.js';
import { DEFAULT_TEMPLATES, type DefaultTemplate } from './defaults.js';
import type { TemplateEngine } from './liquid-engine.js';
import type { Template, TemplateVersion } from './template.js';
import { checkTemplate } from './validation.js';

/** Who the shipped defaults are recorded as written and approved by: they are reviewed as code. */
export const DEFAULTS_AUTHOR = 'system:defaults';
const DEFAULT_LOCALE = 'en';

export interface SeedResult {
  created: string[];
  existing: string[];
}

function buildVersions(definition: DefaultTemplate, engine: TemplateEngine, at: string): TemplateVersion[] {
  return Object.entries(definition.locales).map(([locale, source], index) => {
    // Held to the sending bound: the defaults are reviewed as code, and they are checked on start, cold.
    const check = checkTemplate(
      engine,
      { type: definition.type, triggerEvent: definition.triggerEvent, locale, ...source },
      'sending',
    );
    if (!check.ok) throw new TemplateValidationError(check.issues);
    return {
      templateId: definition.templateId,
      version: index + 1,
      locale,
      ...source,
      variables: check.variables,
      state: 'Active',
      createdAt: at,
      createdBy: DEFAULTS_AUTHOR,
      changeNote: 'Shipped with import-comms',
      reviewedBy: DEFAULTS_AUTHOR,
      reviewedAt: at,
      activatedBy: DEFAULTS_AUTHOR,
      activatedAt: at,
    };
  });
}

/**
 * Creates the default templates that do not exist yet, each version validated and active. Templates reps
 * already have (even edited ones) are left untouched, so seeding is safe to run on every start.
 */
export async function seedDefaultTemplates(
  repository: TemplateRepository,
  engine: TemplateEngine,
  clock: Clock,
  definitions: readonly DefaultTemplate[] = DEFAULT_TEMPLATES,
): Promise<SeedResult> {
  const at = clock.now().toISOString();
  const result: SeedResult = { created: [], existing: [] };
  for (const definition of definitions) {
    const versions = buildVersions(definition, engine, at);
    const [first, ...rest] = versions;
    const defaultVersion = versions.find((version) => version.locale === DEFAULT_LOCALE) ?? first;
    if (!first || !defaultVersion) continue;
    const head: Template = {
      templateId: definition.templateId,
      name: definition.name,
      type: definition.type,
      category: definition.category,
      triggerEvent: definition.triggerEvent,
      ...(definition.triggerFilter ? { triggerFilter: definition.triggerFilter } : {}),
      ...(definition.fallback ? { fallback: true } : {}),
      ...(definition.channelFallback ? { channelFallback: true } : {}),
      ...(definition.dueDateOffsetDays !== undefined
        ? { dueDateOffsetDays: definition.dueDateOffsetDays }
        : {}),
      defaultLocale: defaultVersion.locale,
      ...(defaultVersion.subject !== undefined ? { subject: defaultVersion.subject } : {}),
      content: defaultVersion.content,
      variables: defaultVersion.variables,
      latestVersion: 1,
      activeVersions: {},
      isActive: false,
      createdAt: at,
      updatedAt: at,
      createdBy: DEFAULTS_AUTHOR,
    };
    let current = head;
    const created = await repository.create(head, first);
    if (!created.saved) {
      // Resume a seed cut short (created, never activated, untouched since); leave anything else alone.
      const existing = await repository.get(definition.templateId);
      const unfinished =
        existing?.createdBy === DEFAULTS_AUTHOR &&
        !existing.isActive &&
        existing.updatedAt === existing.createdAt;
      if (!existing || !unfinished) {
        result.existing.push(definition.templateId);
        continue;
      }
      current = existing;
    }
    for (const version of rest.filter((candidate) => candidate.version > current.latestVersion)) {
      const added = await repository.addVersion(version, current);
      if (!added.saved) break;
      current = { ...current, latestVersion: version.version };
    }
    // The head goes live last, once every version it points at exists.
    const live: Template = {
      ...current,
      activeVersions: Object.fromEntries(versions.map((version) => [version.locale, version.version])),
      isActive: true,
    };
    await repository.saveHead(live, current.updatedAt);
    result.created.push(definition.templateId);
  }
  return result;
}
