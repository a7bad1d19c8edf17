import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { Card, Empty, ErrorNotice, Loading, PageHeader } from '../../components/ui';
import { MIN_SEARCH_LENGTH, searchQueries } from './api';
import { groupsOf } from './results';

const RESULTS_PER_GROUP = 20;

/** Every group of results for the words in the address (`/search?q=…`): a search a rep can share. */
export function SearchPage() {
  const [params] = useSearchParams();
  const text = (params.get('q') ?? '').trim();
  const results = useQuery(searchQueries.results(text, RESULTS_PER_GROUP));
  const groups = groupsOf(results.data, text);
  return (
    <>
      <PageHeader title={text ? `Search: ${text}` : 'Search'}>
        {text && (
          <Link to={`/log?${new URLSearchParams({ q: text })}`} className="text-sm text-sky-700 underline">
            Every message with these words in the log
          </Link>
        )}
      </PageHeader>
      {text.length < MIN_SEARCH_LENGTH ? (
        <Card>
          <Empty>Type at least two characters in the search box (press / to go there).</Empty>
        </Card>
      ) : results.isPending ? (
        <Loading />
      ) : results.error ? (
        <ErrorNotice error={results.error} retry={() => results.refetch()} />
      ) : groups.length === 0 ? (
        <Card>
          <Empty>Nothing matches “{text}”.</Empty>
        </Card>
      ) : (
        <div className="space-y-4">
          {groups.map((group) => (
            <Card
              key={group.name}
              title={`${group.name} (${group.hits.length}${group.hits.length === RESULTS_PER_GROUP ? '+' : ''})`}
            >
              <ul className="divide-y divide-slate-100">
                {group.hits.map((hit) => (
                  <li key={hit.key}>
                    <Link to={hit.href} className="block rounded px-2 py-2 text-sm hover:bg-sky-50">
                      <span className="block font-medium break-words text-sky-800">{hit.label}</span>
                      <span className="block text-xs break-words text-slate-600">{hit.detail}</span>
                    </Link>
                  </li>
                ))}
              </ul>
            </Card>
          ))}
        </div>
      )}
    </>
  );
}
