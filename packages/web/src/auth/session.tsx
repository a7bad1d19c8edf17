import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef } from 'react';
import { useAuth } from 'react-oidc-context';
import { answer, client, session } from '../api/client';
import type { Role } from '../api/types';
import type { SignInConfig } from './config';

export interface User {
  id: string;
  /** The display name from the ID token (`name`), the id where the provider gives none. */
  name: string;
  roles: Role[];
}

/** Why no one is signed in: never yet, an explicit sign-out, or a session that ran out. */
export type SignedOutReason = 'signed-out' | 'expired' | undefined;

interface SessionValue {
  user: User | undefined;
  loading: boolean;
  /** Set when signing in failed (the provider refused, or could not be reached). */
  error: Error | undefined;
  signIn(): Promise<void>;
  signOut(): Promise<void>;
  can(role: Role): boolean;
}

const SessionContext = createContext<SessionValue | undefined>(undefined);
const RANK: Record<Role, number> = { agent: 0, approver: 1, admin: 2 };
/** Remembered for the tab: after "Sign out" the UI waits for the rep instead of signing straight back in. */
const SIGNED_OUT_KEY = 'import-comms.signed-out';

export function signedOutReason(): SignedOutReason {
  const value = sessionStorage.getItem(SIGNED_OUT_KEY);
  return value === 'signed-out' || value === 'expired' ? value : undefined;
}

/**
 * The signed-in rep, over OpenID Connect (react-oidc-context): the access token goes to the API, the roles are
 * what the API makes of it (`/me`), the name comes from the ID token.
 */
export function SessionProvider({ config, children }: { config: SignInConfig; children: ReactNode }) {
  const auth = useAuth();
  const queryClient = useQueryClient();
  const token = auth.user && !auth.user.expired ? auth.user.access_token : undefined;
  // Read by every API call; kept current during render so a child's first request already carries it.
  const tokenRef = useRef(token);
  tokenRef.current = token;
  session.use(() => tokenRef.current ?? null);
  const me = useQuery({
    queryKey: ['me', token],
    queryFn: () => answer(client.GET('/api/me')),
    enabled: Boolean(token),
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const { removeUser, signinRedirect, signoutRedirect } = auth;
  const signIn = useCallback(async () => {
    sessionStorage.removeItem(SIGNED_OUT_KEY);
    const here = `${window.location.pathname}${window.location.search}`;
    await signinRedirect({ state: here });
  }, [signinRedirect]);
  const signOut = useCallback(async () => {
    sessionStorage.setItem(SIGNED_OUT_KEY, 'signed-out');
    const idToken = auth.user?.id_token;
    queryClient.clear();
    await removeUser();
    // The provider's session ends too, or the next sign-in would be silent. Cognito's /logout takes
    // `client_id` and `logout_uri`; a standard provider reads `post_logout_redirect_uri` and the hint.
    await signoutRedirect({
      ...(idToken ? { id_token_hint: idToken } : {}),
      ...(config.signOutUrl
        ? { extraQueryParams: { client_id: config.clientId, logout_uri: `${window.location.origin}/` } }
        : {}),
    });
  }, [auth.user?.id_token, config, queryClient, removeUser, signoutRedirect]);
  // The API no longer takes the token (expired, keys rotated, runtime restarted): sign in again, back to here.
  useEffect(
    () =>
      session.onUnauthorized(() => {
        sessionStorage.setItem(SIGNED_OUT_KEY, 'expired');
        queryClient.clear();
        void removeUser();
      }),
    [queryClient, removeUser],
  );
  const profileName = auth.user?.profile.name;
  const value = useMemo<SessionValue>(
    () => ({
      user: token && me.data ? { ...me.data, name: profileName ?? me.data.id } : undefined,
      loading: auth.isLoading || (Boolean(token) && me.isPending),
      error: auth.error ?? (me.error instanceof Error ? me.error : undefined),
      signIn,
      signOut,
      can: (role) => (me.data?.roles ?? []).some((held) => RANK[held] >= RANK[role]),
    }),
    [token, me.data, me.isPending, me.error, profileName, auth.isLoading, auth.error, signIn, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
