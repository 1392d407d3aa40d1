// Opening a client on the guide's phone asks the server whether the guide still guides them: a
// refusal (the guidance ended) removes the phone's copy at once; no connection, or a server that
// cannot answer now, leaves the copy for the next sync to settle.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { endSession, startSession } from '../src/shared/auth/session';
import { cachedClients, replaceClients, type ClientRecord } from '../src/guide/store/client-cache';
import { checkClientAccess } from '../src/guide/sync/access';

const client = 'organizations/o/clients/c';

function answer(status: number, body: unknown) {
  const fetch = vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } }));
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

describe('opening a client', () => {
  beforeEach(async () => {
    endSession();
    startSession({ token: 't', expireTime: new Date(Date.now() + 3600_000).toISOString(), sub: 'organizations/o/guides/g', org: 'o', role: 'guide', displayName: 'G' });
    await replaceClients([{ name: client } as unknown as ClientRecord]);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('asks the server for the client, and keeps the copy while the guide guides them', async () => {
    const fetch = answer(200, { name: client, displayName: 'Aino' });
    expect(await checkClientAccess(client)).toBe('open');
    expect(String((fetch.mock.calls[0] as unknown[])[0])).toMatch(/\/rinnalla\.v1\.Directory\/GetClient$/);
    expect((await cachedClients()).map((c) => c.name)).toEqual([client]);
  });

  it('says the guidance ended and removes the copy when the server refuses', async () => {
    answer(403, { code: 'permission_denied', message: 'not permitted' });
    expect(await checkClientAccess(client)).toBe('ended');
    expect(await cachedClients()).toEqual([]);
  });

  it('keeps the copy offline and when the server cannot answer now', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    expect(await checkClientAccess(client)).toBe('unknown');
    answer(503, { code: 'unavailable', message: 'down' });
    expect(await checkClientAccess(client)).toBe('unknown');
    expect((await cachedClients()).map((c) => c.name)).toEqual([client]);
  });
});
