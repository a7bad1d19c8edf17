import type { Channel } from '../channels.js';
import type { Template } from './template.js';
import { selectTemplates } from './trigger-selection.js';

/**
 * The template that says on `channel` what `template` says on its own: the active one of that channel the same
 * trigger selects for the same detail, with the same category and days from a due date. Itself on its own channel.
 */
export function counterpartTemplate(
  template: Template,
  channel: Channel,
  sameTrigger: readonly Template[],
  detail: Record<string, unknown>,
): Template | undefined {
  if (template.type === channel) return template;
  if (!template.triggerEvent) return undefined;
  const siblings = sameTrigger.filter(
    (candidate) =>
      candidate.type === channel &&
      candidate.triggerEvent === template.triggerEvent &&
      candidate.category === template.category &&
      candidate.dueDateOffsetDays === template.dueDateOffsetDays,
  );
  return selectTemplates(siblings, detail)[0];
}
