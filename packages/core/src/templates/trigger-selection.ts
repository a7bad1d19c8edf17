import { compilePattern, type EventPattern } from '@import-comms/event-pattern';
import type { Channel } from '../channels.js';
import type { Template } from './template.js';

/** Compiled filters by template, recompiled only when the template changes (one entry per template). */
const compiled = new Map<string, { updatedAt: string; pattern: EventPattern }>();

function filterOf(template: Template): EventPattern | undefined {
  if (!template.triggerFilter) return undefined;
  const cached = compiled.get(template.templateId);
  if (cached?.updatedAt === template.updatedAt) return cached.pattern;
  const pattern = compilePattern(template.triggerFilter);
  compiled.set(template.templateId, { updatedAt: template.updatedAt, pattern });
  return pattern;
}

/**
 * The active templates an event fires: those whose content filter matches the event's detail, and, per channel,
 * the fallback templates (e.g. Status Update) when no more specific template of that channel matched.
 */
export function selectTemplates(templates: readonly Template[], detail: Record<string, unknown>): Template[] {
  const active = templates.filter((template) => template.isActive);
  const specific = active.filter((template) => {
    if (template.fallback) return false;
    const filter = filterOf(template);
    return filter === undefined || filter.matches(detail);
  });
  const covered = new Set<Channel>(specific.map((template) => template.type));
  const fallbacks = active.filter((template) => template.fallback && !covered.has(template.type));
  return [...specific, ...fallbacks];
}
