import { useEffect, useRef } from 'react';
import { signedOutReason, useSession } from '../auth/session';
import { Button, ErrorNotice, Loading } from '../components/ui';

/**
 * Before anyone is signed in: straight on to the sign-in (Cognito's managed login in AWS, the runtime's OpenID
 * provider locally), except after "Sign out" or a failed sign-in, when the rep decides.
 */
export function SignInPage() {
  const { signIn, error } = useSession();
  const reason = signedOutReason();
  const waitForRep = reason === 'signed-out' || error !== undefined;
  const started = useRef(false);
  useEffect(() => {
    if (waitForRep || started.current) return;
    started.current = true;
    void signIn();
  }, [waitForRep, signIn]);
  if (!waitForRep) {
    return (
      <Loading
        label={reason === 'expired' ? 'Your session ended: signing in again…' : 'Taking you to sign-in…'}
      />
    );
  }
  return (
    <main className="mx-auto mt-24 max-w-md rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-xl font-semibold">import-comms</h1>
      {error ? (
        <ErrorNotice error={new Error(`Sign-in did not work: ${error.message}`)} />
      ) : (
        <p className="mt-1 text-sm text-slate-600" role="status">
          You have signed out.
        </p>
      )}
      <Button className="mt-4 w-full" onClick={() => void signIn()}>
        Sign in
      </Button>
    </main>
  );
}
