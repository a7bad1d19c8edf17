import clsx from 'clsx';
import { useEffect, useId, useState } from 'react';
import { Link, NavLink, Outlet, ScrollRestoration, useLocation } from 'react-router';
import { useSession } from '../auth/session';
import { useSavedViews, viewSearchOf } from '../features/communications/saved-views';
import { useInboxCount } from '../features/inbox/inbox-page';
import { POLL_MS, useLiveUpdates } from '../features/live/use-live-updates';
import { SearchBox } from '../features/search/search-box';
import { useDueCount } from '../features/tasks/my-work-page';
import { useReviewCount } from '../features/templates/review-count';
import { Button } from './ui';

const NAV = [
  { to: '/my-work', label: 'My work' },
  { to: '/inbox', label: 'Inbox' },
  { to: '/log', label: 'Communication log' },
  { to: '/compose', label: 'Compose' },
  { to: '/log-interaction', label: 'Log a call or meeting' },
  { to: '/customers', label: 'Customers' },
  { to: '/templates', label: 'Templates' },
  { to: '/dashboard', label: 'Dashboard' },
];
/** Approvers (and admins) see their review inbox beside the templates. */
const REVIEWS = { to: '/reviews', label: 'Reviews' };

/**
 * The frame of every signed-in page: a sidebar from tablet width up; on a phone a top bar whose menu button
 * opens the same navigation (closed again once a page is chosen). The skip link moves focus to the content.
 */
export function Layout() {
  const { user, signOut } = useSession();
  const [menuOpen, setMenuOpen] = useState(false);
  const navId = useId();
  const location = useLocation();
  const { views, remove } = useSavedViews(user?.id);
  const live = useLiveUpdates();
  const due = useDueCount();
  const reviews = useReviewCount();
  const inbox = useInboxCount();
  const nav = reviews > 0 || user?.roles.some((role) => role !== 'agent') ? [...NAV, REVIEWS] : NAV;
  const badges: Record<string, { count: number; label: string }> = {
    '/my-work': { count: due, label: `${due} due today or overdue` },
    '/reviews': { count: reviews, label: `${reviews} waiting for your review` },
    '/inbox': { count: inbox, label: `${inbox} unread from customers` },
  };
  const currentView =
    location.pathname === '/log' ? viewSearchOf(new URLSearchParams(location.search)) : undefined;
  // A page was chosen (or the address changed): the phone menu has done its job.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every navigation, by design
  useEffect(() => setMenuOpen(false), [location.pathname, location.search]);
  return (
    <div className="min-h-screen md:flex">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:z-20 focus:m-2 focus:rounded focus:bg-white focus:p-2"
      >
        Skip to content
      </a>
      <header className="flex items-center justify-between border-b border-slate-200 bg-white px-4 py-2 md:hidden">
        <p className="text-base font-semibold text-sky-800">import-comms</p>
        <Button
          variant="secondary"
          aria-expanded={menuOpen}
          aria-controls={navId}
          onClick={() => setMenuOpen((open) => !open)}
        >
          {menuOpen ? 'Close menu' : 'Menu'}
        </Button>
      </header>
      <nav
        id={navId}
        aria-label="Main"
        className={clsx(
          // From tablet width the sidebar stays in view with the page scrolling beside it (views and sign-out too).
          'shrink-0 flex-col border-slate-200 bg-white md:sticky md:top-0 md:flex md:h-screen md:w-56 md:overflow-y-auto md:border-r',
          menuOpen ? 'flex border-b' : 'hidden',
        )}
      >
        <div className="hidden px-4 py-4 md:block">
          <p className="text-base font-semibold text-sky-800">import-comms</p>
          <p className="text-xs text-slate-500">Customer communications</p>
        </div>
        <ul className="flex-1 space-y-0.5 px-2 py-2 md:py-0">
          {nav.map((item) => (
            <li key={item.to}>
              <NavLink
                to={item.to}
                className={({ isActive }) =>
                  clsx(
                    'block rounded-md px-3 py-2 text-sm',
                    isActive ? 'bg-sky-50 font-medium text-sky-800' : 'text-slate-700 hover:bg-slate-50',
                  )
                }
              >
                <span className="flex items-center justify-between gap-2">
                  {item.label}
                  {(badges[item.to]?.count ?? 0) > 0 && (
                    <span
                      className="rounded-full bg-rose-700 px-1.5 text-xs font-semibold text-white"
                      role="status"
                      aria-label={badges[item.to]?.label}
                    >
                      {badges[item.to]?.count}
                    </span>
                  )}
                </span>
              </NavLink>
            </li>
          ))}
        </ul>
        <section aria-labelledby={`${navId}-views`} className="px-2 pb-2">
          <h2
            id={`${navId}-views`}
            className="px-3 pt-3 pb-1 text-xs font-semibold tracking-wide text-slate-600 uppercase"
          >
            Saved views
          </h2>
          <ul className="space-y-0.5">
            {views.map((view) => (
              <li key={view.name} className="group flex items-center">
                <Link
                  to={`/log?${view.search}`}
                  aria-current={currentView === view.search ? 'page' : undefined}
                  className={clsx(
                    'block min-w-0 flex-1 truncate rounded-md px-3 py-1.5 text-sm',
                    currentView === view.search
                      ? 'bg-sky-50 font-medium text-sky-800'
                      : 'text-slate-700 hover:bg-slate-50',
                  )}
                >
                  {view.name}
                </Link>
                {!view.builtIn && (
                  <button
                    type="button"
                    onClick={() => remove(view.name)}
                    aria-label={`Remove the view ${view.name}`}
                    className="rounded px-2 text-slate-500 hover:text-rose-700"
                  >
                    ×
                  </button>
                )}
              </li>
            ))}
          </ul>
        </section>
        <div className="border-t border-slate-100 p-3 text-sm">
          <p className="font-medium text-slate-800">{user?.name}</p>
          <p className="mb-2 text-xs text-slate-500">{user?.roles.join(', ') || 'no role'}</p>
          <Button variant="secondary" onClick={() => void signOut()} className="w-full">
            Sign out
          </Button>
        </div>
      </nav>
      <div className="min-w-0 flex-1">
        <header className="sticky top-0 z-20 border-b border-slate-200 bg-white/95 px-4 py-2 backdrop-blur md:px-6">
          <div className="flex items-center gap-3">
            <search aria-label="Customers, vehicles and messages" className="min-w-0 flex-1">
              <SearchBox />
            </search>
            <p
              className="hidden shrink-0 items-center gap-1.5 text-xs text-slate-600 sm:flex"
              title={
                live === 'live'
                  ? 'New and changed messages appear as they happen'
                  : `Screens refresh every ${POLL_MS / 1000} s`
              }
            >
              <span
                aria-hidden="true"
                className={clsx('size-2 rounded-full', live === 'live' ? 'bg-emerald-500' : 'bg-slate-400')}
              />
              {live === 'live' ? 'Live' : live === 'polling' ? 'Auto-refresh' : 'Connecting…'}
            </p>
          </div>
        </header>
        {/* Focusable, so the skip link's jump moves keyboard focus here, not only the scroll position. */}
        <main id="main" tabIndex={-1} className="min-w-0 p-4 focus:outline-none md:p-6">
          <Outlet />
        </main>
      </div>
      {/* Back from a customer or a vehicle, the log is where the rep left it (its pages stay in the cache). */}
      <ScrollRestoration />
    </div>
  );
}
