import { WebStorageStateStore } from 'oidc-client-ts';
import type { AuthProviderProps } from 'react-oidc-context';
import * as z from 'zod';

/**
 * How this deployment signs in, from `/config.json` beside the UI: written by the CDK app in AWS (Cognito), served
 * by the local runtime (its OpenID provider). The UI's code is the same in both places.
 */
const signInConfig = z.object({
  /** The OpenID issuer: its discovery document names every endpoint. */
  authority: z.url(),
  clientId: z.string().min(1),
  scope: z.string().default('openid profile email'),
  /**
   * Cognito's sign-out endpoint, which its discovery document does not list (it takes `client_id` and
   * `logout_uri`); absent where the provider publishes `end_session_endpoint` itself.
   */
  signOutUrl: z.url().optional(),
});
export type SignInConfig = z.infer<typeof signInConfig>;

export const CALLBACK_PATH = '/auth/callback';

export async function loadSignInConfig(): Promise<SignInConfig> {
  const response = await fetch('/config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`the sign-in settings did not load (${response.status})`);
  const parsed = signInConfig.safeParse(await response.json());
  if (!parsed.success)
    throw new Error(`the sign-in settings are not valid: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** Authorization code with PKCE; tokens renewed with the refresh token before they expire. */
export function oidcSettings(config: SignInConfig, origin = window.location.origin): AuthProviderProps {
  return {
    authority: config.authority,
    client_id: config.clientId,
    scope: config.scope,
    response_type: 'code',
    redirect_uri: `${origin}${CALLBACK_PATH}`,
    post_logout_redirect_uri: `${origin}/`,
    automaticSilentRenew: true,
    // A tab's session ends with the tab; another tab signs in again (silently, while the provider's lasts).
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
    ...(config.signOutUrl ? { metadataSeed: { end_session_endpoint: config.signOutUrl } } : {}),
    // Back from the provider: drop the code from the address and return to the screen the rep was on.
    onSigninCallback: (user) => {
      const state = user?.state;
      const returnTo =
        typeof state === 'string' && state.startsWith('/') && !state.startsWith('//') ? state : '/';
      window.history.replaceState({}, document.title, returnTo);
    },
  };
}
