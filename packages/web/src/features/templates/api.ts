import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, query } from '../../api/client';
import type { Page, Preview, Template, TemplateVersion, Trigger } from '../../api/types';

/** Every key of the template screens, so one invalidation reaches every view of a template. */
export const templateKeys = {
  all: ['templates'] as const,
  list: () => [...templateKeys.all, 'list'] as const,
  detail: (templateId: string) => [...templateKeys.all, 'detail', templateId] as const,
  versions: (templateId: string) => [...templateKeys.all, 'versions', templateId] as const,
  diff: (templateId: string, from: number, to: number) =>
    [...templateKeys.all, 'diff', templateId, from, to] as const,
  preview: (body: PreviewRequest) => [...templateKeys.all, 'preview', body] as const,
  versionPreview: (
    templateId: string,
    version: number,
    records: { customerId: string; vehicleId?: string },
  ) => [...templateKeys.all, 'version-preview', templateId, version, records] as const,
  triggers: ['triggers'] as const,
};

export interface PreviewRequest {
  type: string;
  locale: string;
  content: string;
  subject?: string;
  triggerEvent?: string;
  customerId?: string;
}

export interface Diff {
  subject: { kind: string; text: string }[];
  content: { kind: string; text: string }[];
}

export const templateQueries = {
  list: () =>
    queryOptions({
      queryKey: templateKeys.list(),
      // Every template, page after page: a team's catalogue is hundreds at most, and the list filters in place.
      queryFn: async () => {
        const items: Template[] = [];
        let cursor: string | undefined;
        do {
          const page = await api<Page<Template>>(`/templates${query({ limit: 100, cursor })}`);
          items.push(...page.items);
          cursor = page.cursor;
        } while (cursor);
        return { items };
      },
    }),
  detail: (templateId: string) =>
    queryOptions({
      queryKey: templateKeys.detail(templateId),
      queryFn: () => api<Template>(`/templates/${templateId}`),
    }),
  versions: (templateId: string) =>
    queryOptions({
      queryKey: templateKeys.versions(templateId),
      queryFn: () => api<{ items: TemplateVersion[] }>(`/templates/${templateId}/versions`),
    }),
  diff: (templateId: string, from: number, to: number) =>
    queryOptions({
      queryKey: templateKeys.diff(templateId, from, to),
      queryFn: () => api<Diff>(`/templates/${templateId}/diff?from=${from}&to=${to}`),
    }),
  preview: (body: PreviewRequest) =>
    queryOptions({
      queryKey: templateKeys.preview(body),
      queryFn: () => api<Preview>('/templates/preview', { method: 'POST', body }),
      enabled: body.content.trim() !== '',
      placeholderData: (previous) => previous,
    }),
  /** A version rendered for a real customer (and vehicle), as it would be sent. */
  versionPreview: (
    templateId: string,
    version: number,
    records: { customerId: string; vehicleId?: string },
  ) =>
    queryOptions({
      queryKey: templateKeys.versionPreview(templateId, version, records),
      queryFn: () =>
        api<Preview>(`/templates/${templateId}/versions/${version}/preview`, {
          method: 'POST',
          body: records,
        }),
    }),
  /** What can fire a template: fixed by the code, so read once. */
  triggers: () =>
    queryOptions({
      queryKey: templateKeys.triggers,
      queryFn: () => api<{ items: Trigger[] }>('/triggers'),
      staleTime: Number.POSITIVE_INFINITY,
    }),
};

/** A version waiting for an approver, with its template and the version live for its language. */
export interface ReviewInboxItem extends TemplateVersion {
  templateName: string;
  type: 'Email' | 'SMS';
  activeVersion?: number;
}

export const reviewQueries = {
  /** The signed-in author's versions an approver decided, latest first. */
  decisions: () =>
    queryOptions({
      queryKey: [...templateKeys.all, 'decisions'] as const,
      queryFn: () => api<{ items: TemplateVersion[] }>('/reviews/decisions'),
    }),
  inbox: () =>
    queryOptions({
      queryKey: [...templateKeys.all, 'reviews'] as const,
      queryFn: () => api<{ items: ReviewInboxItem[] }>('/reviews'),
    }),
};

/** Every view of the templates shows the change: list, head, versions, diffs. */
function useTemplatesChanged() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: templateKeys.all });
}

export interface NewTemplateRequest {
  templateId: string;
  name: string;
  type: string;
  category: string;
  locale: string;
  content: string;
  subject?: string;
  triggerEvent?: string;
  changeNote?: string;
}

export interface RevisionRequest {
  locale: string;
  content: string;
  subject?: string;
  changeNote?: string;
}

/** Creates a template (its first draft) or saves a new draft version of one. */
export function useSaveTemplate(templateId: string | undefined) {
  const changed = useTemplatesChanged();
  return useMutation({
    mutationFn: (request: NewTemplateRequest | RevisionRequest): Promise<unknown> =>
      templateId
        ? api<TemplateVersion>(`/templates/${templateId}`, { method: 'PUT', body: request })
        : api<{ template: Template }>('/templates', { method: 'POST', body: request }),
    onSuccess: changed,
  });
}

/** A review step or a switch: `path` under the template (e.g. `/versions/3/approve`, `/deactivate`). */
export function useTemplateAction(templateId: string | undefined) {
  const changed = useTemplatesChanged();
  return useMutation({
    mutationFn: ({ path, body }: { path: string; body?: unknown; done: string }) =>
      api(`/templates/${templateId}${path}`, { method: 'POST', ...(body ? { body } : {}) }),
    onSuccess: changed,
  });
}

/** Approve or reject from the inbox, where each item is another template's. */
export function useReview() {
  const changed = useTemplatesChanged();
  return useMutation({
    mutationFn: (request: {
      templateId: string;
      version: number;
      action: 'approve' | 'reject';
      comment?: string;
    }) =>
      api(`/templates/${request.templateId}/versions/${request.version}/${request.action}`, {
        method: 'POST',
        body: request.comment ? { comment: request.comment } : {},
      }),
    onSuccess: changed,
  });
}

/** Turns a template's channel fallback on or off (approvers). */
export function useChannelFallback(templateId: string | undefined) {
  const changed = useTemplatesChanged();
  return useMutation({
    mutationFn: (enabled: boolean) =>
      api<Template>(`/templates/${templateId}/channel-fallback`, { method: 'PUT', body: { enabled } }),
    onSuccess: changed,
  });
}
