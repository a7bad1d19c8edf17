import { useCallback, useSyncExternalStore } from 'react';

/** A named set of log filters: a link in the navigation, and an address a rep can share. */
export interface SavedView {
  name: string;
  /** The log's query string, without `?` (e.g. `status=Failed&from=2026-11-30`). */
  search: string;
  /** Built in: computed when shown (relative dates), not removable. */
  builtIn?: boolean;
}

/** The filters a log address carries (the open detail panel is not part of a view). */
export function viewSearchOf(params: URLSearchParams): string {
  const kept = new URLSearchParams(params);
  kept.delete('open');
  kept.sort();
  return kept.toString();
}

/** Monday of the current week in the rep's time zone, as the date filter takes it (YYYY-MM-DD). */
function startOfWeek(now: Date): string {
  const monday = new Date(now);
  monday.setDate(now.getDate() - ((now.getDay() + 6) % 7));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${monday.getFullYear()}-${pad(monday.getMonth() + 1)}-${pad(monday.getDate())}`;
}

/** The views every rep has: what goes wrong, what they sent, what waits for its time. */
export function builtInViews(userId: string, now = new Date()): SavedView[] {
  return [
    { name: 'Failed this week', search: `from=${startOfWeek(now)}&status=Failed`, builtIn: true },
    { name: 'My sends', search: new URLSearchParams({ createdBy: userId }).toString(), builtIn: true },
    { name: 'Scheduled', search: 'status=Scheduled', builtIn: true },
  ];
}

// Views are kept in this browser, per rep; every one is also a plain address, so sharing needs no storage.
const storageKey = (userId: string) => `import-comms.views.${userId}`;
const listeners = new Set<() => void>();
const EMPTY = '[]';

function read(userId: string): string {
  return localStorage.getItem(storageKey(userId)) ?? EMPTY;
}

function parse(raw: string): SavedView[] {
  try {
    const value: unknown = JSON.parse(raw);
    if (!Array.isArray(value)) return [];
    return value.filter(
      (view): view is SavedView => typeof view?.name === 'string' && typeof view?.search === 'string',
    );
  } catch {
    return [];
  }
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // Another tab saved or removed a view.
  window.addEventListener('storage', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', listener);
  };
}

/** The rep's own views (newest last) and the built-in ones; saving a name again replaces that view. */
export function useSavedViews(userId: string | undefined) {
  const raw = useSyncExternalStore(subscribe, () => (userId ? read(userId) : EMPTY));
  const own = parse(raw);
  const write = useCallback(
    (views: SavedView[]) => {
      if (!userId) return;
      localStorage.setItem(storageKey(userId), JSON.stringify(views));
      for (const listener of listeners) listener();
    },
    [userId],
  );
  const save = (name: string, search: string) =>
    write([...own.filter((view) => view.name !== name), { name, search }]);
  const remove = (name: string) => write(own.filter((view) => view.name !== name));
  return { views: [...builtInViews(userId ?? ''), ...own], save, remove };
}
