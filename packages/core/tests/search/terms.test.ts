import {
  communicationSearchWords,
  customerSearchWords,
  DIRECTORY_TERM_KEYS,
  foldForSearch,
  MESSAGE_TERM_KEYS,
  matchesAll,
  queryTermsOf,
  searchWordsOf,
  termKeysOf,
  termsText,
  vehicleSearchWords,
} from '../../src/index.js';

const aiko = {
  customerId: 'CU-2001',
  firstName: 'Aiko',
  lastName: 'Tanaka',
  email: 'aiko.tanaka@example.jp',
  phone: '+81 90-1234-5678',
};

/** Whether a query finds a document: every term in the document's words, and its key among the document's keys. */
function finds(query: string, words: string[], rule = DIRECTORY_TERM_KEYS): boolean {
  const terms = queryTermsOf(query, rule);
  const keys = new Set(termKeysOf(words, rule));
  return terms.length > 0 && terms.every((term) => keys.has(term.key)) && matchesAll(termsText(words), terms);
}

describe('search words', () => {
  it('folds case, Latin accents and full-width forms, but keeps Japanese voicing marks', () => {
    expect(foldForSearch('Crème BRÛLÉE Ｔｏｙｏｔａ')).toBe('creme brulee toyota');
    expect(foldForSearch('が')).toBe('が');
  });

  it('cuts words by the Unicode rules, Japanese and Chinese included, without stop words or repeats', () => {
    expect(searchWordsOf('Your vehicle: ETA Melbourne, the vehicle is due 2026-12-03!')).toEqual([
      'vehicle',
      'eta',
      'melbourne',
      'due',
      '2026',
      '12',
      '03',
    ]);
    expect(searchWordsOf('您的车辆已到达港口')).toEqual(expect.arrayContaining(['车辆', '港口']));
    expect(searchWordsOf('\u0000\u202e<script>😀   ')).toEqual(['script']);
    expect(searchWordsOf(`${'x'.repeat(65)} vin`)).toEqual(['vin']);
  });

  it('finds a customer by any part of the name, the id, the email and the phone in any format', async () => {
    const words = await customerSearchWords(aiko);
    for (const query of [
      'Aiko',
      'ai',
      'tana',
      'TANAKA aiko',
      'Táñaka',
      'CU-2001',
      'aiko.tanaka@example.jp',
      'example',
      '+81 90 1234 5678',
      '090-1234-5678',
      '(090) 1234 5678',
      '9012345678',
      '819012',
    ]) {
      expect({ query, found: finds(query, words) }).toEqual({ query, found: true });
    }
    for (const query of ['Liam', 'aiko smith', '+64 21 123 4567', 'CU-2002']) {
      expect({ query, found: finds(query, words) }).toEqual({ query, found: false });
    }
  });

  it('finds a vehicle by id, VIN, make and model', () => {
    const words = vehicleSearchWords({
      vehicleId: 'VH-1001',
      vin: 'JTMHV05J604123456',
      make: 'Toyota',
      model: 'Land Cruiser 70',
      year: 2021,
    });
    for (const query of ['VH-1001', 'JTMHV05J604123456', 'jtmhv05', 'land cruiser', 'toyota 2021'])
      expect({ query, found: finds(query, words) }).toEqual({ query, found: true });
    expect(finds('nissan', words)).toBe(false);
  });

  it('finds a message by words anywhere, in any order, as prefixes from four characters', () => {
    const body = `${'Filler sentence about paperwork. '.repeat(30)}The vessel reaches Melbourne; ETA is Friday.`;
    const words = communicationSearchWords('Shipping update', body, 700);
    const find = (query: string) => finds(query, words, MESSAGE_TERM_KEYS);
    expect(find('ETA Melbourne')).toBe(true);
    expect(find('melbourne eta')).toBe(true);
    expect(find('shipping friday')).toBe(true);
    // Whole words: a prefix key would share "customs" with every "customer".
    expect(find('melb')).toBe(false);
    expect(find('ETA Sydney')).toBe(false);
  });

  it('keeps the stored words within the length asked, whole words only', () => {
    const body = Array.from({ length: 400 }, (_, index) => `word${index}`).join(' ');
    const words = communicationSearchWords(undefined, body, 200);
    expect(termsText(words).length).toBeLessThanOrEqual(200);
    expect(words.at(-1)).toMatch(/^word\d+$/);
  });

  it('keys a word by its prefixes as the rule says', () => {
    expect(termKeysOf(['melbourne', 'eta'], MESSAGE_TERM_KEYS)).toEqual(['melbourne', 'eta']);
    expect(termKeysOf(['liam', 'o'], DIRECTORY_TERM_KEYS)).toEqual(['li', 'lia', 'liam', 'o']);
  });
});
