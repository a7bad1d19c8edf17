import createClient from 'openapi-fetch';
import type { paths } from './openapi';

/** One failed call: the status and the API's error list (`path` names the field). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly errors: { path?: string; message: string; code?: string }[],
  ) {
    super(errors.map((error) => (error.path ? `${error.path}: ${error.message}` : error.message)).join('; '));
  }

  /** The message for one field, for showing it next to that field. */
  forField(path: string): string | undefined {
    return this.errors.find((error) => error.path === path)?.message;
  }
}

let currentToken: () => string | null = () => null;
let unauthorized: () => void = () => undefined;

/** The signed-in rep's access token for API calls, as the session keeps it (renewed in the background). */
export const session = {
  token: () => currentToken(),
  use: (source: () => string | null) => {
    currentToken = source;
  },
  /** Called when the API says the token is no longer good (expired, keys rotated, runtime restarted). */
  onUnauthorized: (handler: () => void) => {
    unauthorized = handler;
    return () => {
      if (unauthorized === handler) unauthorized = () => undefined;
    };
  },
};

/**
 * The API's typed client, from the types generated from its OpenAPI document: paths, parameters, bodies and
 * answers are checked against the API's own description. The rep's token goes on every call.
 */
export const client = createClient<paths>({ baseUrl: '' });
client.use({
  onRequest({ request }) {
    const token = session.token();
    if (token) request.headers.set('authorization', `Bearer ${token}`);
    return request;
  },
});

/** A typed call's answer, or an `ApiError` with the API's error list (a 401 also asks to sign in again). */
export async function answer<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<NonNullable<T>> {
  const { data, error, response } = await call;
  if (!response.ok) {
    if (response.status === 401) unauthorized();
    const errors = (error as { errors?: ApiError['errors'] } | undefined)?.errors;
    throw new ApiError(response.status, errors ?? [{ message: `${response.status} ${response.statusText}` }]);
  }
  return data as NonNullable<T>;
}

/** Query parameters with a value: an empty field of a form or the address means "not filtered by it". */
export function withValues<T extends Record<string, unknown>>(params: T): T {
  return Object.fromEntries(
    Object.entries(params).filter(([, value]) => value !== undefined && value !== null && value !== ''),
  ) as T;
}
