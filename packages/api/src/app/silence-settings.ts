import { type Actor, ConflictError, requireRole, type SilenceSettings } from '@import-comms/core';
import type { ApiDependencies } from './dependencies.js';

export async function getSilenceSettings(actor: Actor, deps: ApiDependencies): Promise<SilenceSettings> {
  requireRole(actor, 'agent', 'reading the silence watch');
  return deps.silence.getSettings();
}

/** Admins set the limits per stage and the fallback assignee, against the version they read. */
export async function saveSilenceSettings(
  change: Pick<SilenceSettings, 'limitsDays' | 'fallbackAssignee' | 'version'>,
  actor: Actor,
  deps: ApiDependencies,
): Promise<SilenceSettings> {
  requireRole(actor, 'admin', 'changing the silence watch');
  const settings: SilenceSettings = {
    limitsDays: change.limitsDays,
    fallbackAssignee: change.fallbackAssignee,
    version: change.version + 1,
    updatedAt: deps.clock.now().toISOString(),
    updatedBy: actor.id,
  };
  const saved = await deps.silence.saveSettings(settings);
  if (!saved.saved) throw new ConflictError('the silence watch was changed meanwhile: reload and try again');
  return settings;
}
