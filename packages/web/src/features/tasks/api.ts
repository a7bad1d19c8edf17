import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { answer, client } from '../../api/client';
import type { Task, TaskStatus } from '../../api/types';

/** Every key of tasks, so any change refreshes every list (mine, the badge, a customer's, a vehicle's). */
export const taskKeys = {
  all: ['tasks'] as const,
  assignee: (assignee: string, status: TaskStatus) =>
    [...taskKeys.all, 'assignee', assignee, status] as const,
  about: (subject: 'customerId' | 'vehicleId', id: string) => [...taskKeys.all, subject, id] as const,
};

/** As many of a rep's open tasks as a working list holds: the page and the badge read the same. */
export const MY_WORK_LIMIT = 100;

export const taskQueries = {
  assignee: (assignee: string, status: TaskStatus) =>
    queryOptions({
      queryKey: taskKeys.assignee(assignee, status),
      queryFn: () =>
        answer(
          client.GET('/api/tasks', {
            params: { query: { assignee, status, limit: status === 'Open' ? MY_WORK_LIMIT : 20 } },
          }),
        ),
    }),
  about: (subject: 'customerId' | 'vehicleId', id: string) =>
    queryOptions({
      queryKey: taskKeys.about(subject, id),
      queryFn: () => answer(client.GET('/api/tasks', { params: { query: { [subject]: id, limit: 50 } } })),
    }),
};

function useTasksChanged() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: taskKeys.all });
}

export interface NewTask {
  customerId: string;
  vehicleId?: string;
  communicationId?: string;
  title: string;
  dueAt: string;
  assignee?: string;
  note?: string;
}

export function useCreateTask() {
  const changed = useTasksChanged();
  return useMutation({
    mutationFn: (request: { task: NewTask; idempotencyKey: string }) =>
      answer(
        client.POST('/api/tasks', {
          params: { header: { 'idempotency-key': request.idempotencyKey } },
          body: request.task,
        }),
      ),
    onSuccess: changed,
  });
}

export type TaskChange =
  | { action: 'complete' | 'reopen' }
  | { action: 'snooze'; until: string }
  | { action: 'reassign'; assignee: string };

export function useChangeTask() {
  const changed = useTasksChanged();
  return useMutation({
    mutationFn: ({ taskId, change }: { taskId: string; change: TaskChange }): Promise<Task> => {
      const path = { params: { path: { id: taskId } } };
      switch (change.action) {
        case 'snooze':
          return answer(client.POST('/api/tasks/{id}/snooze', { ...path, body: { until: change.until } }));
        case 'reassign':
          return answer(
            client.POST('/api/tasks/{id}/reassign', { ...path, body: { assignee: change.assignee } }),
          );
        default:
          return answer(client.POST(`/api/tasks/{id}/${change.action}`, path));
      }
    },
    onSuccess: changed,
  });
}
