import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, query } from '../../api/client';
import type { Communication, CommunicationSummary, Page, SendAccepted } from '../../api/types';

/** Every key of the log and the timelines, so a send or a logged call refreshes each list that may show it. */
export const communicationKeys = {
  all: ['communications'] as const,
  log: (filters: Record<string, string>) => [...communicationKeys.all, 'log', filters] as const,
  timeline: (path: string) => [...communicationKeys.all, 'timeline', path] as const,
  detail: (id: string) => [...communicationKeys.all, 'detail', id] as const,
};

const pages = <Key extends readonly unknown[]>(
  queryKey: Key,
  path: string,
  params: Record<string, string | number | undefined>,
) =>
  infiniteQueryOptions({
    queryKey,
    queryFn: ({ pageParam }) =>
      api<Page<CommunicationSummary>>(`${path}${query({ ...params, cursor: pageParam })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.cursor,
  });

export const communicationQueries = {
  /** The communication log, newest first, 25 at a time: more than a screenful, and half the reads of 50. */
  log: (filters: Record<string, string>) =>
    pages(communicationKeys.log(filters), '/communications', { ...filters, limit: 25 }),
  /** A customer's or vehicle's history (`/customers/…/communications`), 25 at a time. */
  timeline: (path: string) => pages(communicationKeys.timeline(path), path, { limit: 25 }),
  detail: (id: string) =>
    queryOptions({
      queryKey: communicationKeys.detail(id),
      queryFn: () => api<Communication>(`/communications/${id}`),
    }),
};

/** The log and every timeline may now show something new. */
function useCommunicationsChanged() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: communicationKeys.all });
}

/** A templated or free-form send; the idempotency key makes a retried click one message. */
export function useSendMessage() {
  const changed = useCommunicationsChanged();
  return useMutation({
    mutationFn: (request: {
      channel: 'Email' | 'SMS';
      idempotencyKey: string;
      body: Record<string, unknown>;
    }) =>
      api<SendAccepted>(`/communications/${request.channel === 'Email' ? 'send-email' : 'send-sms'}`, {
        method: 'POST',
        headers: { 'idempotency-key': request.idempotencyKey },
        body: request.body,
      }),
    onSuccess: changed,
  });
}

/** A call, meeting or inbound message a rep logs. */
export function useLogInteraction() {
  const changed = useCommunicationsChanged();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      api<Communication>('/communications', { method: 'POST', body }),
    onSuccess: changed,
  });
}

/** Cancel, send now or reschedule a message that has not gone out; each refreshes every list showing it. */
export function useScheduledAction(communicationId: string) {
  const changed = useCommunicationsChanged();
  return useMutation({
    mutationFn: (request: { action: 'cancel' | 'send-now' | 'reschedule'; scheduledFor?: string }) =>
      api<CommunicationSummary>(`/communications/${communicationId}/${request.action}`, {
        method: 'POST',
        ...(request.scheduledFor ? { body: { scheduledFor: request.scheduledFor } } : {}),
      }),
    onSuccess: changed,
  });
}

/** Sends a Failed, Bounced or NotSent message again, on its channel or the other; the key makes it once. */
export function useResend(communicationId: string) {
  const changed = useCommunicationsChanged();
  return useMutation({
    mutationFn: (request: { channel: 'Email' | 'SMS'; idempotencyKey: string }) =>
      api<SendAccepted>(`/communications/${communicationId}/resend`, {
        method: 'POST',
        headers: { 'idempotency-key': request.idempotencyKey },
        body: { channel: request.channel },
      }),
    onSuccess: changed,
  });
}
