import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { answer, client } from '../../api/client';
import type { paths } from '../../api/openapi';
import type { Template, VersionAction } from '../../api/types';

type DraftPreviewBody = paths['/api/templates/preview']['post']['requestBody']['content']['application/json'];
type NewTemplateBody = paths['/api/templates']['post']['requestBody']['content']['application/json'];
type RevisionBody = paths['/api/templates/{templateId}']['put']['requestBody']['content']['application/json'];

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
          const page = await answer(
            client.GET('/api/templates', {
              params: { query: { limit: 100, ...(cursor ? { cursor } : {}) } },
            }),
          );
          items.push(...page.items);
          cursor = page.cursor;
        } while (cursor);
        return { items };
      },
    }),
  detail: (templateId: string) =>
    queryOptions({
      queryKey: templateKeys.detail(templateId),
      queryFn: () => answer(client.GET('/api/templates/{templateId}', { params: { path: { templateId } } })),
    }),
  versions: (templateId: string) =>
    queryOptions({
      queryKey: templateKeys.versions(templateId),
      queryFn: () =>
        answer(client.GET('/api/templates/{templateId}/versions', { params: { path: { templateId } } })),
    }),
  diff: (templateId: string, from: number, to: number) =>
    queryOptions({
      queryKey: templateKeys.diff(templateId, from, to),
      queryFn: () =>
        answer(
          client.GET('/api/templates/{templateId}/diff', {
            params: { path: { templateId }, query: { from, to } },
          }),
        ),
    }),
  preview: (body: PreviewRequest) =>
    queryOptions({
      queryKey: templateKeys.preview(body),
      queryFn: () => answer(client.POST('/api/templates/preview', { body: body as DraftPreviewBody })),
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
        answer(
          client.POST('/api/templates/{templateId}/versions/{version}/preview', {
            params: { path: { templateId, version } },
            body: records,
          }),
        ),
    }),
  /** What can fire a template: fixed by the code, so read once. */
  triggers: () =>
    queryOptions({
      queryKey: templateKeys.triggers,
      queryFn: () => answer(client.GET('/api/triggers')),
      staleTime: Number.POSITIVE_INFINITY,
    }),
};

/** A version waiting for an approver, with its template and the version live for its language. */
export type ReviewInboxItem =
  paths['/api/reviews']['get']['responses'][200]['content']['application/json']['items'][number];

export const reviewQueries = {
  /** The signed-in author's versions an approver decided, latest first. */
  decisions: () =>
    queryOptions({
      queryKey: [...templateKeys.all, 'decisions'] as const,
      queryFn: () => answer(client.GET('/api/reviews/decisions')),
    }),
  inbox: () =>
    queryOptions({
      queryKey: [...templateKeys.all, 'reviews'] as const,
      queryFn: () => answer(client.GET('/api/reviews')),
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
        ? answer(
            client.PUT('/api/templates/{templateId}', {
              params: { path: { templateId } },
              body: request as RevisionBody,
            }),
          )
        : answer(client.POST('/api/templates', { body: request as NewTemplateBody })),
    onSuccess: changed,
  });
}

/** What can be done to a template from its editor: a review step on a version, a comment, switching it off. */
export type TemplateAction = { done: string } & (
  | { kind: 'review'; version: number; action: VersionAction; comment?: string }
  | { kind: 'comment'; version: number; text: string }
  | { kind: 'deactivate' }
);

export function useTemplateAction(templateId: string | undefined) {
  const changed = useTemplatesChanged();
  return useMutation({
    mutationFn: (request: TemplateAction): Promise<unknown> => {
      const id = templateId ?? '';
      if (request.kind === 'deactivate')
        return answer(
          client.POST('/api/templates/{templateId}/deactivate', { params: { path: { templateId: id } } }),
        );
      const path = { params: { path: { templateId: id, version: request.version } } };
      if (request.kind === 'comment')
        return answer(
          client.POST('/api/templates/{templateId}/versions/{version}/comments', {
            ...path,
            body: { text: request.text },
          }),
        );
      if (request.action === 'approve' || request.action === 'reject')
        return answer(
          client.POST(`/api/templates/{templateId}/versions/{version}/${request.action}`, {
            ...path,
            body: request.comment ? { comment: request.comment } : {},
          }),
        );
      return answer(client.POST(`/api/templates/{templateId}/versions/{version}/${request.action}`, path));
    },
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
      answer(
        client.POST(`/api/templates/{templateId}/versions/{version}/${request.action}`, {
          params: { path: { templateId: request.templateId, version: request.version } },
          body: request.comment ? { comment: request.comment } : {},
        }),
      ),
    onSuccess: changed,
  });
}

/** Turns a template's channel fallback on or off (approvers). */
export function useChannelFallback(templateId: string | undefined) {
  const changed = useTemplatesChanged();
  return useMutation({
    mutationFn: (enabled: boolean) =>
      answer(
        client.PUT('/api/templates/{templateId}/channel-fallback', {
          params: { path: { templateId: templateId ?? '' } },
          body: { enabled },
        }),
      ),
    onSuccess: changed,
  });
}
