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

export async function api<T>(
  path: string,
  options: { method?: string; body?: unknown; headers?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<T> {
  const token = session.token();
  const response = await fetch(`/api${path}`, {
    method: options.method ?? 'GET',
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...options.headers,
    },
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    // A search typed on supersedes the one before: its answer is no longer wanted.
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const text = await response.text();
  const data = text ? JSON.parse(text) : undefined;
  if (!response.ok) {
    if (response.status === 401) unauthorized();
    throw new ApiError(
      response.status,
      data?.errors ?? [{ message: `${response.status} ${response.statusText}` }],
    );
  }
  return data as T;
}

/** Builds a query string from the set values only. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
