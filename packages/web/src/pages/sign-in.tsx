import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useSession } from '../auth/session';
import { Button, ErrorNotice, Loading } from '../components/ui';

interface DemoUser {
  username: string;
  name: string;
  roles: string[];
}

/** Locally, the demo users of the runtime's sign-in; in AWS this is Cognito's hosted sign-in. */
export function SignInPage() {
  const { signIn } = useSession();
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<unknown>();
  const users = useQuery({
    queryKey: ['demo-users'],
    queryFn: async () => {
      const response = await fetch('/auth/local/users');
      if (!response.ok) throw new Error('the sign-in service did not answer');
      return ((await response.json()) as { items: DemoUser[] }).items;
    },
  });
  return (
    <main className="mx-auto mt-24 max-w-md rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-xl font-semibold">Sign in to import-comms</h1>
      <p className="mt-1 text-sm text-slate-600">Choose a demo user. Each role sees what it may do.</p>
      {users.isPending && <Loading />}
      {users.error && <ErrorNotice error={users.error} retry={() => users.refetch()} />}
      {error !== undefined && <ErrorNotice error={error} />}
      <ul className="mt-4 space-y-2">
        {users.data?.map((user) => (
          <li key={user.username}>
            <Button
              variant="secondary"
              className="w-full justify-between"
              disabled={busy !== undefined}
              onClick={async () => {
                setBusy(user.username);
                try {
                  await signIn(user.username);
                } catch (failure) {
                  setError(failure);
                } finally {
                  setBusy(undefined);
                }
              }}
            >
              <span>Sign in as {user.name}</span>
              <span className="text-xs text-slate-500">{user.roles.join(', ')}</span>
            </Button>
          </li>
        ))}
      </ul>
    </main>
  );
}
