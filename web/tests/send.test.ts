import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Visit_Mode } from '../src/gen/rinnalla/v1/visits_pb';
import { endSession, sessionExpired, startSession } from '../src/shared/auth/session';
import { cachedClients, replaceClients, type ClientRecord } from '../src/guide/store/client-cache';
import { newVisitDraft, type VisitDraft } from '../src/guide/store/drafts';
import { deleteOutbox, outboxItems, saveForSending } from '../src/guide/store/outbox';
import { Offline, sendVisits } from '../src/guide/sync/send';

const client = 'organizations/o/clients/c';
const assignment = 'organizations/o/assignments/a';

function visit(summary: string): VisitDraft {
  return { ...newVisitDraft(client, assignment), mode: Visit_Mode.PHONE, summary };
}

const status = (code: number, reason: string) => ({
  error: {
    code,
    message: 'm',
    details: reason ? [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason, domain: 'rinnalla' }] : [],
  },
});

function answer(body: unknown, statusCode = 200) {
  const fetch = vi.fn(async () => new Response(JSON.stringify(body), { status: statusCode }));
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

async function states() {
  const items = await outboxItems();
  return Object.fromEntries(items.map((item) => [(item.draft as VisitDraft).summary, [item.state, item.refusal?.reason]]));
}

describe('sending visits', () => {
  beforeEach(async () => {
    await deleteOutbox();
    endSession();
    startSession({ token: 't', expireTime: new Date(Date.now() + 3600_000).toISOString(), sub: 'organizations/o/guides/g', org: 'o', role: 'guide', displayName: 'G' });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('sends every waiting visit in one batch, as LogVisitRequests named by the phone', async () => {
    const a = visit('a');
    const b = visit('b');
    await saveForSending(a);
    await saveForSending(b);
    const fetch = answer({ results: [{ visit: { name: `${client}/visits/${a.id}` } }, { visit: { name: `${client}/visits/${b.id}` } }] });
    await sendVisits();
    expect(fetch).toHaveBeenCalledTimes(1);
    const [path, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(path).toBe('/v1/visits:sync');
    expect(new Headers(init.headers).get('authorization')).toBe('Bearer t');
    const sent = JSON.parse(String(init.body));
    expect(sent.map((r: { visitId: string; requestId: string }) => [r.visitId, r.requestId])).toEqual([
      [a.id, a.requestId],
      [b.id, b.requestId],
    ]);
    expect(await states()).toEqual({ a: ['stored', undefined], b: ['stored', undefined] });
  });

  it('follows each answer: stored, refused with its reason, or waiting when it may pass later', async () => {
    for (const summary of ['stored', 'refused', 'busy', 'unanswered']) await saveForSending(visit(summary));
    answer({ results: [{ visit: { name: 'x' } }, status(9, 'VISIT_OUTSIDE_ASSIGNMENT'), status(14, '')] });
    await sendVisits();
    expect(await states()).toEqual({
      stored: ['stored', undefined],
      refused: ['refused', 'VISIT_OUTSIDE_ASSIGNMENT'],
      busy: ['saved', undefined],
      unanswered: ['saved', undefined],
    });
    // The next round sends only the waiting ones.
    const fetch = answer({ results: [{ visit: { name: 'y' } }, { visit: { name: 'z' } }] });
    await sendVisits();
    expect(JSON.parse(String((fetch.mock.calls[0] as unknown as [string, RequestInit])[1].body))).toHaveLength(2);
    expect((await states()).refused).toEqual(['refused', 'VISIT_OUTSIDE_ASSIGNMENT']);
  });

  it('keeps everything waiting when the connection fails', async () => {
    await saveForSending(visit('a'));
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    await expect(sendVisits()).rejects.toBeInstanceOf(Offline);
    expect(await states()).toEqual({ a: ['saved', undefined] });
  });

  it('keeps everything on 401 and asks to sign in again', async () => {
    await saveForSending(visit('a'));
    answer({ code: 16, message: 'token expired', details: [] }, 401);
    await sendVisits();
    expect(await states()).toEqual({ a: ['saved', undefined] });
    expect(sessionExpired()).toBe(true);
  });

  it('forgets the client when the server says the access ended, and keeps the visit refused', async () => {
    await replaceClients([{ name: client } as unknown as ClientRecord]);
    await saveForSending(visit('a'));
    answer({ results: [status(7, 'NOT_PERMITTED')] });
    await sendVisits();
    expect(await states()).toEqual({ a: ['refused', 'NOT_PERMITTED'] });
    expect(await cachedClients()).toEqual([]);
  });
});
