import { type Harness, startHarness } from './support/harness.js';

let api: Harness;
beforeAll(async () => {
  api = await startHarness({ now: '2026-11-25T02:00:00.000Z' });
});
afterAll(() => api.stop());

const idsOf = (items: { customerId?: string; vehicleId?: string; communicationId?: string }[], key: string) =>
  items.map((item) => (item as Record<string, unknown>)[key]);

describe('the one search box', () => {
  it('finds customers by first name, email and phone in any format, grouped with vehicles and messages', async () => {
    const byName = await api.request('GET', '/search?q=omar');
    expect(byName.status).toBe(200);
    expect(idsOf(byName.body.customers, 'customerId')).toEqual(['CU-3003']);
    expect(byName.body.vehicles).toEqual([]);

    const byPhone = await api.request('GET', `/search?q=${encodeURIComponent('0400 999 888')}`);
    expect(idsOf(byPhone.body.customers, 'customerId')).toEqual(['CU-3003']);
    const byEmail = await api.request('GET', `/search?q=${encodeURIComponent('omar.haddad@example.com')}`);
    expect(idsOf(byEmail.body.customers, 'customerId')).toEqual(['CU-3003']);

    const byMake = await api.request('GET', '/search?q=subaru%20forester');
    expect(byMake.body.vehicles).toEqual([
      expect.objectContaining({ vehicleId: 'VH-3003', customerName: 'Omar Haddad' }),
    ]);
  });

  it('finds a sent message by two words anywhere in its body, in either order', async () => {
    const filler = 'The paperwork is in order and nothing is needed from you. '.repeat(12);
    const sent = await api.request('POST', '/communications/send-email', {
      body: {
        customerId: 'CU-3003',
        subject: 'Your Forester',
        content: `${filler}The vessel calls at Fremantle; ETA Thursday.`,
      },
    });
    expect(sent.status).toBe(202);

    for (const q of ['fremantle eta', 'ETA FREMANTLE', 'thursday vessel']) {
      const found = await api.request('GET', `/search?q=${encodeURIComponent(q)}`);
      expect({ q, ids: idsOf(found.body.communications, 'communicationId') }).toEqual({
        q,
        ids: [sent.body.communicationId],
      });
      expect(found.body.communications[0]).toMatchObject({ customerName: 'Omar Haddad' });
    }
    const log = await api.request('GET', '/communications?q=eta%20fremantle');
    expect(idsOf(log.body.items, 'communicationId')).toEqual([sent.body.communicationId]);
  });

  it('answers a missing or oversized query with a field error, and anything else with results', async () => {
    const missing = await api.request('GET', '/search');
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body)).toContain('q');
    expect((await api.request('GET', `/search?q=${'x'.repeat(101)}`)).status).toBe(400);
    expect((await api.request('GET', '/search?q=a&limit=500')).status).toBe(400);
    for (const q of ['%', '\u0000\u0007', '😀😀', "' OR 1=1 --", 'the', '((((', 'アイコ']) {
      const answer = await api.request('GET', `/search?q=${encodeURIComponent(q)}`);
      expect({ q, status: answer.status }).toEqual({ q, status: 200 });
    }
  });
});

describe('revalidated reads', () => {
  it('answers a read asked again with its ETag by 304 and no body, until what it shows changes', async () => {
    const first = await api.request('GET', '/customers/CU-3003/communications?limit=5');
    const tag = first.headers.get('etag');
    expect(tag).toMatch(/^W\/"/);
    expect(first.headers.get('cache-control')).toBe('private, no-cache');

    const same = await api.request('GET', '/customers/CU-3003/communications?limit=5', {
      headers: { 'if-none-match': tag ?? '' },
    });
    expect(same.status).toBe(304);
    expect(same.body).toBeUndefined();
    expect(same.headers.get('etag')).toBe(tag);
    expect(same.headers.get('vary')).toBe('Authorization');
    expect(same.headers.get('content-type')).toBeNull();
    // A list of tags, strong or weak spelling, or `*`, as RFC 9110 allows.
    for (const ifNoneMatch of [`"other", ${tag}`, (tag ?? '').replace(/^W\//, ''), '*']) {
      const listed = await api.request('GET', '/customers/CU-3003/communications?limit=5', {
        headers: { 'if-none-match': ifNoneMatch },
      });
      expect({ ifNoneMatch, status: listed.status }).toEqual({ ifNoneMatch, status: 304 });
    }
    const other = await api.request('GET', '/customers/CU-3003/communications?limit=5', {
      headers: { 'if-none-match': 'W/"other"' },
    });
    expect(other.status).toBe(200);
    expect(other.headers.get('etag')).toBe(tag);

    await api.request('POST', '/communications', {
      body: { type: 'Call', direction: 'inbound', customerId: 'CU-3003', notes: 'Asked about the ETA' },
    });
    const changed = await api.request('GET', '/customers/CU-3003/communications?limit=5', {
      headers: { 'if-none-match': tag ?? '' },
    });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(tag);
  });
});
