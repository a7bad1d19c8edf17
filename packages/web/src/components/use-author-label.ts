import { useQuery } from '@tanstack/react-query';
import type { CommunicationSummary } from '../api/types';
import { useTeam } from '../features/team/use-team';
import { templateQueries } from '../features/templates/api';

/**
 * Who a message is by, as a rep reads it: the rep by name, or "Automatic" with what set it off ("Automatic (Import stage
 * changed)"), named from the template's trigger — the catalogue and the triggers are read once and cached.
 */
export function useAuthorLabel(): (item: Pick<CommunicationSummary, 'createdBy' | 'templateId'>) => {
  who: string;
  why?: string;
} {
  const { nameOf } = useTeam();
  const templates = useQuery({ ...templateQueries.list(), staleTime: 5 * 60_000 });
  const triggers = useQuery(templateQueries.triggers());
  return (item) => {
    const who = nameOf(item.createdBy);
    if (!item.createdBy.startsWith('system:') || !item.templateId) return { who };
    const triggerId = templates.data?.items.find(
      (template) => template.templateId === item.templateId,
    )?.triggerEvent;
    const trigger = triggers.data?.items.find((candidate) => candidate.id === triggerId)?.label;
    return trigger ? { who, why: trigger } : { who };
  };
}
