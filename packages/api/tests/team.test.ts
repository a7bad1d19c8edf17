import { type Harness, startHarness } from './support/harness.js';

let api: Harness;
beforeAll(async () => {
  api = await startHarness();
});
afterAll(() => api.stop());

describe('GET /team', () => {
  it('names every rep with their roles, and says who is no longer active', async () => {
    const reply = await api.request('GET', '/team', { as: 'ava' });

    expect(reply.status).toBe(200);
    expect(reply.body.items).toEqual(
      expect.arrayContaining([
        { id: 'ava', name: 'Ava Test', roles: ['agent'], active: true },
        { id: 'liam', name: 'Liam Test', roles: ['approver'], active: true },
        { id: 'mia', name: 'Mia Test', roles: ['approver'], active: false },
      ]),
    );
  });

  it('is for signed-in reps only', async () => {
    expect((await api.request('GET', '/team', { as: null })).status).toBe(401);
    expect((await api.request('GET', '/team', { as: 'nobody' })).status).toBe(403);
  });
});
