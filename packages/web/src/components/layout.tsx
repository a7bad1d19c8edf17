import clsx from 'clsx';
import { NavLink, Outlet } from 'react-router';
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

export function Layout() {
  const { user, signOut } = useSession();
  return (
    <div className="flex min-h-screen">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:m-2 focus:rounded focus:bg-white focus:p-2"
      >
        Skip to content
      </a>
      <nav aria-label="Main" className="flex w-56 shrink-0 flex-col border-r border-slate-200 bg-white">
        <div className="px-4 py-4">
          <p className="text-base font-semibold text-sky-800">import-comms</p>
          <p className="text-xs text-slate-500">Customer communications</p>
        </div>
        <ul className="flex-1 space-y-0.5 px-2">
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
      <main id="main" className="min-w-0 flex-1 p-6">
        <Outlet />
      </main>
    </div>
  );
}
