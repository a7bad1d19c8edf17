import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/**
 * The key reply addresses are signed with: the value itself (`REPLY_TOKEN_SECRET`, as the local runtime gives
 * it) or the Secrets Manager secret that holds it (`REPLY_TOKEN_SECRET_ARN`, as the CDK app gives it), read once
 * per container. Undefined when neither is set: messages then carry the plain reply-to address.
 */
export function replySecretFrom(env: NodeJS.ProcessEnv): (() => Promise<string>) | undefined {
  const value = env.REPLY_TOKEN_SECRET;
  if (value) return async () => value;
  const arn = env.REPLY_TOKEN_SECRET_ARN;
  if (!arn) return undefined;
  let secret: Promise<string> | undefined;
  return () => {
    secret ??= new SecretsManagerClient({})
      .send(new GetSecretValueCommand({ SecretId: arn }))
      .then((response) => {
        if (!response.SecretString) throw new Error('the reply secret has no value');
        return response.SecretString;
      })
      .catch((error: unknown) => {
        secret = undefined; // read again on the next message rather than failing every one
        throw error;
      });
    return secret;
  };
}
