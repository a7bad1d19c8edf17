import clsx from 'clsx';
import { useEffect, useId, useState } from 'react';
import { NavLink, Outlet, ScrollRestoration, useLocation } from 'react-router';
import { useSession } from '../auth/session';
import { Button } from './ui';

const NAV = [
  { to: '/log', label: 'Communication log' },
  { to: '/compose', label: 'Compose' },
  { to: '/log-interaction', label: 'Log a call or meeting' },
  { to: '/customers', label: 'Customers' },
  { to: '/templates', label: 'Templates' },
  { to: '/dashboard', label: 'Dashboard' },
];

/**
 * The frame of every signed-in page: a sidebar from tablet width up; on a phone a top bar whose menu button
 * opens the same navigation (closed again once a page is chosen). The skip link moves focus to the content.
 */
export function Layout() {
  const { user, signOut } = useSession();
  const [menuOpen, setMenuOpen] = useState(false);
  const navId = useId();
  const location = useLocation();
  // A page was chosen (or the address changed): the phone menu has done its job.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every navigation, by design
  useEffect(() => setMenuOpen(false), [location.pathname]);
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
          'shrink-0 flex-col border-slate-200 bg-white md:flex md:w-56 md:border-r',
          menuOpen ? 'flex border-b' : 'hidden',
        )}
      >
        <div className="hidden px-4 py-4 md:block">
          <p className="text-base font-semibold text-sky-800">import-comms</p>
          <p className="text-xs text-slate-500">Customer communications</p>
        </div>
        <ul className="flex-1 space-y-0.5 px-2 py-2 md:py-0">
          {NAV.map((item) => (
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
                {item.label}
              </NavLink>
            </li>
          ))}
        </ul>
        <div className="border-t border-slate-100 p-3 text-sm">
          <p className="font-medium text-slate-800">{user?.id}</p>
          <p className="mb-2 text-xs text-slate-500">{user?.roles.join(', ') || 'no role'}</p>
          <Button variant="secondary" onClick={signOut} className="w-full">
            Sign out
          </Button>
        </div>
      </nav>
      {/* Focusable, so the skip link's jump moves keyboard focus here, not only the scroll position. */}
      <main id="main" tabIndex={-1} className="min-w-0 flex-1 p-4 focus:outline-none md:p-6">
        <Outlet />
      </main>
      {/* Back from a customer or a vehicle, the log is where the rep left it (its pages stay in the cache). */}
      <ScrollRestoration />
    </div>
  );
}
