import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { answer, client, withValues } from '../../api/client';
import type { paths } from '../../api/openapi';

type LogQuery = NonNullable<paths['/api/communications']['get']['parameters']['query']>;
type SendBody = paths['/api/communications/send-email']['post']['requestBody']['content']['application/json'];
type SmsBody = paths['/api/communications/send-sms']['post']['requestBody']['content']['application/json'];
type LogBody = paths['/api/communications']['post']['requestBody']['content']['application/json'];

/** Whose history: a customer's or a vehicle's. */
export type TimelineSubject = { customerId: string } | { vehicleId: string };

/** Every key of the log and the timelines, so a send or a logged call refreshes each list that may show it. */
export const communicationKeys = {
  all: ['communications'] as const,
  log: (filters: Record<string, string>) => [...communicationKeys.all, 'log', filters] as const,
  timeline: (subject: TimelineSubject) => [...communicationKeys.all, 'timeline', subject] as const,
  detail: (id: string) => [...communicationKeys.all, 'detail', id] as const,
};

export const communicationQueries = {
  /** The communication log, newest first, 25 at a time: more than a screenful, and half the reads of 50. */
  log: (filters: Record<string, string>) =>
    infiniteQueryOptions({
      queryKey: communicationKeys.log(filters),
      queryFn: ({ pageParam }) =>
        answer(
          client.GET('/api/communications', {
            // The filters come from the address (those set); the API says which it does not accept.
            params: { query: withValues({ ...(filters as LogQuery), limit: 25, cursor: pageParam }) },
          }),
        ),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (last) => last.cursor,
    }),
  /** A customer's or vehicle's history, 25 at a time. */
  timeline: (subject: TimelineSubject) =>
    infiniteQueryOptions({
      queryKey: communicationKeys.timeline(subject),
      queryFn: ({ pageParam }) => {
        const query = { limit: 25, ...(pageParam ? { cursor: pageParam } : {}) };
        return answer(
          'customerId' in subject
            ? client.GET('/api/customers/{customerId}/communications', {
                params: { path: { customerId: subject.customerId }, query },
              })
            : client.GET('/api/vehicles/{vehicleId}/communications', {
                params: { path: { vehicleId: subject.vehicleId }, query },
              }),
        );
      },
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (last) => last.cursor,
    }),
  detail: (id: string) =>
    queryOptions({
      queryKey: communicationKeys.detail(id),
      queryFn: () => answer(client.GET('/api/communications/{id}', { params: { path: { id } } })),
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
      answer(
        request.channel === 'Email'
          ? client.POST('/api/communications/send-email', {
              params: { header: { 'idempotency-key': request.idempotencyKey } },
              body: request.body as SendBody,
            })
          : client.POST('/api/communications/send-sms', {
              params: { header: { 'idempotency-key': request.idempotencyKey } },
              body: request.body as SmsBody,
            }),
      ),
    onSuccess: changed,
  });
}

/** A call, meeting or inbound message a rep logs. */
export function useLogInteraction() {
  const changed = useCommunicationsChanged();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      answer(client.POST('/api/communications', { body: body as LogBody })),
    onSuccess: changed,
  });
}

/** Cancel, send now or reschedule a message that has not gone out; each refreshes every list showing it. */
export function useScheduledAction(communicationId: string) {
  const changed = useCommunicationsChanged();
  return useMutation({
    mutationFn: (request: { action: 'cancel' | 'send-now' | 'reschedule'; scheduledFor?: string }) =>
      answer(
        request.action === 'reschedule'
          ? client.POST('/api/communications/{id}/reschedule', {
              params: { path: { id: communicationId } },
              body: { scheduledFor: request.scheduledFor ?? '' },
            })
          : client.POST(`/api/communications/{id}/${request.action}`, {
              params: { path: { id: communicationId } },
            }),
      ),
    onSuccess: changed,
  });
}

/** Sends a Failed, Bounced or NotSent message again, on its channel or the other; the key makes it once. */
export function useResend(communicationId: string) {
  const changed = useCommunicationsChanged();
  return useMutation({
    mutationFn: (request: { channel: 'Email' | 'SMS'; idempotencyKey: string }) =>
      answer(
        client.POST('/api/communications/{id}/resend', {
          params: { path: { id: communicationId }, header: { 'idempotency-key': request.idempotencyKey } },
          body: { channel: request.channel },
        }),
      ),
    onSuccess: changed,
  });
}
