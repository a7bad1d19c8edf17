/**
 * What the UI's OpenID Connect client is registered with, the same for Cognito's app client (CDK app) and the
 * local OpenID provider: where the provider sends the rep back with the code, and the scopes asked for.
 */
export const SIGN_IN_CALLBACK_PATH = '/auth/callback';
export const SIGN_IN_SCOPES = 'openid profile email';
