/** Text a communication can be found by: subject and the start of its content, normalised. */
export const SEARCH_TEXT_LENGTH = 400;

export function normaliseForSearch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

export function searchTextOf(subject: string | undefined, content: string): string {
  return normaliseForSearch(`${subject ?? ''} ${content}`).slice(0, SEARCH_TEXT_LENGTH);
}
