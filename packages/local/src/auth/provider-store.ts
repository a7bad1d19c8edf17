import type { Adapter, AdapterPayload } from 'oidc-provider';

type Stored = Map<string, { payload: AdapterPayload; expiresAt?: number }>;

/**
 * oidc-provider's storage for the local runtime: sessions, grants, codes and tokens in memory (one set per
 * provider), each until it expires. A restart forgets them all, as a new user pool would: reps sign in again.
 */
export function inMemoryProviderStore(): new (model: string) => Adapter {
  const stores = new Map<string, Stored>();
  const storeOf = (model: string): Stored => {
    let store = stores.get(model);
    if (!store) {
      store = new Map();
      stores.set(model, store);
    }
    return store;
  };
  return class InMemoryProviderStore implements Adapter {
    private readonly store: Stored;

    private readonly model: string;

    constructor(model: string) {
      this.model = model;
      this.store = storeOf(model);
    }

    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      this.store.set(id, { payload, ...(expiresIn ? { expiresAt: Date.now() + expiresIn * 1000 } : {}) });
      if (payload.grantId) {
        const grants = storeOf('GrantIndex');
        // Each token once, however often it is saved again.
        const members = new Set((grants.get(payload.grantId)?.payload.members as string[] | undefined) ?? []);
        members.add(`${this.model}:${id}`);
        grants.set(payload.grantId, { payload: { members: [...members] } });
      }
    }

    async find(id: string): Promise<AdapterPayload | undefined> {
      const entry = this.store.get(id);
      if (!entry) return undefined;
      if (entry.expiresAt !== undefined && entry.expiresAt <= Date.now()) {
        this.store.delete(id);
        return undefined;
      }
      return entry.payload;
    }

    async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
      for (const [id, entry] of this.store) if (entry.payload.userCode === userCode) return this.find(id);
      return undefined;
    }

    async findByUid(uid: string): Promise<AdapterPayload | undefined> {
      for (const [id, entry] of this.store) if (entry.payload.uid === uid) return this.find(id);
      return undefined;
    }

    async consume(id: string): Promise<void> {
      const entry = this.store.get(id);
      if (entry) entry.payload.consumed = Math.floor(Date.now() / 1000);
    }

    async destroy(id: string): Promise<void> {
      this.store.delete(id);
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      const grants = storeOf('GrantIndex');
      for (const member of (grants.get(grantId)?.payload.members as string[] | undefined) ?? []) {
        const [model = '', id = ''] = member.split(/:(.*)/s);
        storeOf(model).delete(id);
      }
      grants.delete(grantId);
    }
  };
}
