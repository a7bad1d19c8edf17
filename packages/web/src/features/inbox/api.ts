import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { answer, client, session } from '../../api/client';
import type { InboxEntry } from '../../api/types';
import { communicationKeys } from '../communications/api';

export type InboxView = 'mine' | 'team' | 'unmatched';

export const inboxKeys = {
  all: ['inbox'] as const,
  list: (view: InboxView) => [...inboxKeys.all, 'list', view] as const,
  message: (id: string) => [...inboxKeys.all, 'message', id] as const,
};

export const inboxQueries = {
  list: (view: InboxView) =>
    queryOptions({
      queryKey: inboxKeys.list(view),
      queryFn: () => answer(client.GET('/api/inbox', { params: { query: { view, limit: 50 } } })),
    }),
  message: (id: string) =>
    queryOptions({
      queryKey: inboxKeys.message(id),
      queryFn: () => answer(client.GET('/api/inbox/{id}', { params: { path: { id } } })),
    }),
};

function useInboxChanged() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: inboxKeys.all });
    void queryClient.invalidateQueries({ queryKey: communicationKeys.all });
  };
}

export type InboxChange =
  | { action: 'read' | 'unread' | 'done' | 'reopen' }
  | { action: 'assign'; assignee: string | null }
  | { action: 'customer'; customerId: string; vehicleId?: string };

export function useChangeInbox() {
  const changed = useInboxChanged();
  return useMutation({
    mutationFn: ({ id, change }: { id: string; change: InboxChange }): Promise<InboxEntry> => {
      const path = { params: { path: { id } } };
      switch (change.action) {
        case 'assign':
          return answer(
            client.POST('/api/inbox/{id}/assign', { ...path, body: { assignee: change.assignee } }),
          );
        case 'customer': {
          const { action: _action, ...body } = change;
          return answer(client.POST('/api/inbox/{id}/customer', { ...path, body }));
        }
        default:
          return answer(client.POST(`/api/inbox/{id}/${change.action}`, path));
      }
    },
    onSuccess: changed,
  });
}

export function useReplyToInbound() {
  const changed = useInboxChanged();
  return useMutation({
    mutationFn: ({
      id,
      content,
      subject,
      idempotencyKey,
    }: {
      id: string;
      content: string;
      subject?: string;
      idempotencyKey: string;
    }) =>
      answer(
        client.POST('/api/inbox/{id}/reply', {
          params: { path: { id }, header: { 'idempotency-key': idempotencyKey } },
          body: { content, ...(subject ? { subject } : {}) },
        }),
      ),
    onSuccess: changed,
  });
}

/** A file the customer sent, fetched with the rep's token and handed to the browser as a download. */
export async function download(path: string, filename: string): Promise<void> {
  const token = session.token();
  const response = await fetch(`/api${path}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  if (!response.ok) throw new Error(`the file could not be read (${response.status})`);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
