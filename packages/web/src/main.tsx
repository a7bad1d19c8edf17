import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { AuthProvider } from 'react-oidc-context';
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router';
import { Toaster } from 'sonner';
import { loadSignInConfig, oidcSettings } from './auth/config';
import { SessionProvider, useSession } from './auth/session';
import { Layout } from './components/layout';
import { Loading } from './components/ui';
import { InboxPage } from './features/inbox/inbox-page';
import { SearchPage } from './features/search/search-page';
import { MyWorkPage } from './features/tasks/my-work-page';
import { SilenceSettingsPage } from './features/tasks/silence-settings-page';
import { ComposePage } from './pages/compose';
import { CustomerPage, CustomersPage, VehiclePage } from './pages/history';
import { LogPage } from './pages/log';
import { LogInteractionPage } from './pages/log-interaction';
import { PreferencesPage } from './pages/preferences';
import { SignInPage } from './pages/sign-in';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, staleTime: 5_000, refetchOnWindowFocus: false } },
});

/** Made once signed in, so it starts from the screen the sign-in returned to (not the callback address). */
const createRouter = () =>
  createBrowserRouter([
    {
      path: '/',
      element: <Layout />,
      children: [
        { index: true, element: <Navigate to="/log" replace /> },
        { path: 'log', element: <LogPage /> },
        { path: 'my-work', element: <MyWorkPage /> },
        { path: 'inbox', element: <InboxPage /> },
        { path: 'settings/silence-watch', element: <SilenceSettingsPage /> },
        {
          path: 'reviews',
          lazy: async () => ({ Component: (await import('./features/templates/reviews-page')).ReviewsPage }),
        },
        { path: 'compose', element: <ComposePage /> },
        { path: 'log-interaction', element: <LogInteractionPage /> },
        { path: 'customers', element: <CustomersPage /> },
        { path: 'customers/:customerId', element: <CustomerPage /> },
        { path: 'customers/:customerId/preferences', element: <PreferencesPage /> },
        { path: 'vehicles/:vehicleId', element: <VehiclePage /> },
        { path: 'search', element: <SearchPage /> },
        // The editor (CodeMirror) and the charts are most of the code: loaded when first opened.
        {
          path: 'templates',
          lazy: async () => ({ Component: (await import('./features/templates/list-page')).TemplatesPage }),
        },
        {
          path: 'templates/new',
          lazy: async () => ({
            Component: (await import('./features/templates/editor-page')).TemplateEditorPage,
          }),
        },
        {
          path: 'templates/:templateId',
          lazy: async () => ({
            Component: (await import('./features/templates/editor-page')).TemplateEditorPage,
          }),
        },
        {
          path: 'dashboard',
          lazy: async () => ({ Component: (await import('./pages/dashboard')).DashboardPage }),
        },
        { path: '*', element: <Navigate to="/log" replace /> },
      ],
    },
  ]);

function App() {
  const { user, loading } = useSession();
  if (loading) return <Loading label="Signing in…" />;
  if (!user) return <SignInPage />;
  return <SignedIn />;
}

function SignedIn() {
  const [router] = useState(createRouter);
  return <RouterProvider router={router} />;
}

const root = document.getElementById('root');
if (!root) throw new Error('no #root element');
const mount = createRoot(root);
loadSignInConfig().then(
  (config) =>
    mount.render(
      <StrictMode>
        <AuthProvider {...oidcSettings(config)}>
          <QueryClientProvider client={queryClient}>
            <SessionProvider config={config}>
              <App />
              <Toaster position="top-right" richColors closeButton />
            </SessionProvider>
          </QueryClientProvider>
        </AuthProvider>
      </StrictMode>,
    ),
  (error: unknown) =>
    mount.render(
      <main role="alert" className="mx-auto mt-24 max-w-md p-6 text-sm text-rose-800">
        import-comms cannot start: {error instanceof Error ? error.message : String(error)}. Reload to try
        again.
      </main>,
    ),
);
