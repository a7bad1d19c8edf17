import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { answer, client, withValues } from '../../api/client';

/** Fewer characters find too much to be of use (and the API keys people from two characters on). */
export const MIN_SEARCH_LENGTH = 2;

export const searchKeys = {
  all: ['search'] as const,
  results: (text: string, limit: number) => [...searchKeys.all, text, limit] as const,
};

export const searchQueries = {
  /** Customers, vehicles and messages matching the words; the last answer stays shown while the next loads. */
  results: (text: string, limit: number) =>
    queryOptions({
      queryKey: searchKeys.results(text, limit),
      queryFn: ({ signal }) =>
        answer(client.GET('/api/search', { params: { query: withValues({ q: text, limit }) }, signal })),
      enabled: text.trim().length >= MIN_SEARCH_LENGTH,
      placeholderData: keepPreviousData,
      staleTime: 10_000,
    }),
};
