import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { api, session } from '../api/client';
import type { Role } from '../api/types';

export interface User {
  id: string;
  roles: Role[];
}

interface SessionValue {
  user: User | undefined;
  loading: boolean;
  signIn(username: string): Promise<void>;
  signOut(): void;
  can(role: Role): boolean;
}

const SessionContext = createContext<SessionValue | undefined>(undefined);
const RANK: Record<Role, number> = { agent: 0, approver: 1, admin: 2 };

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [token, setToken] = useState(session.token());
  const me = useQuery({
    queryKey: ['me', token],
    queryFn: () => api<User>('/me'),
    enabled: Boolean(token),
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const signOut = useCallback(() => {
    session.clear();
    setToken(null);
    queryClient.clear();
  }, [queryClient]);
  useEffect(() => session.onUnauthorized(signOut), [signOut]);
  const value = useMemo<SessionValue>(
    () => ({
      user: token ? me.data : undefined,
      loading: Boolean(token) && me.isPending,
      async signIn(username) {
        const response = await fetch('/auth/local/token', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username }),
        });
        if (!response.ok) throw new Error('sign-in failed');
        const { accessToken } = (await response.json()) as { accessToken: string };
        session.set(accessToken);
        setToken(accessToken);
      },
      signOut,
      can: (role) => (me.data?.roles ?? []).some((held) => RANK[held] >= RANK[role]),
    }),
    [token, me.data, me.isPending, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
