declare module 'planer' {
  /** The message without the quoted history below it (Mailgun talon's rules). */
  export function extractFrom(body: string, contentType: 'text/plain' | 'text/html', dom?: unknown): string;
}
