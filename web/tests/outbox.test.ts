import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { draft, draftsOf, newVisitDraft, saveDraft } from '../src/guide/store/drafts';
import {
  clearStored,
  markRefused,
  markSending,
  markStored,
  markWaiting,
  outboxItems,
  reopenForFixing,
  saveForSending,
  unsentItems,
  deleteOutbox,
} from '../src/guide/store/outbox';

const client = 'organizations/o/clients/c';
const refusal = { code: 'FAILED_PRECONDITION', reason: 'VISIT_OUTSIDE_ASSIGNMENT', message: 'm', fields: [] };

describe('the outbox', () => {
  beforeEach(async () => {
    await deleteOutbox();
  });
  afterEach(() => vi.useRealTimers());

  it('keeps the order of saving, also for saves within one millisecond', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-30T08:00:00.000Z'));
    const saved = Array.from({ length: 6 }, () => newVisitDraft(client, 'organizations/o/assignments/a'));
    for (const visit of saved) await saveForSending(visit);
    expect((await outboxItems()).map((item) => item.id)).toEqual(saved.map((visit) => visit.id));
  });

  it('takes a saved draft, which then leaves the drafts', async () => {
    const visit = newVisitDraft(client, 'organizations/o/assignments/a');
    await saveDraft(visit);
    await saveForSending(visit);
    await expect.poll(() => draft(visit.id)).toBeUndefined();
    expect((await outboxItems()).map((item) => [item.id, item.state])).toEqual([[visit.id, 'saved']]);
  });

  it('keeps an item until the server stored it, then shows it as stored', async () => {
    const visit = newVisitDraft(client, 'organizations/o/assignments/a');
    await saveForSending(visit);
    await markSending([visit.id]);
    await markWaiting([visit.id]);
    expect((await unsentItems()).map((item) => item.state)).toEqual(['saved']);
    await markStored(visit.id);
    expect(await unsentItems()).toEqual([]);
    expect((await outboxItems())[0]!.state).toBe('stored');
    await clearStored();
    expect(await outboxItems()).toEqual([]);
  });

  it('keeps a refused item with its reason; fixing it keeps the visit id with a new request id', async () => {
    const visit = newVisitDraft(client, 'organizations/o/assignments/a');
    await saveForSending(visit);
    await markRefused(visit.id, refusal);
    await markWaiting([visit.id]); // a refusal is not undone by a later round
    expect((await unsentItems()).map((item) => [item.state, item.refusal?.reason])).toEqual([
      ['refused', 'VISIT_OUTSIDE_ASSIGNMENT'],
    ]);
    await clearStored();
    expect(await unsentItems()).toHaveLength(1);
    const fixed = await reopenForFixing(visit.id);
    expect(fixed!.id).toBe(visit.id);
    expect(fixed!.requestId).not.toBe(visit.requestId);
    expect((await draftsOf(client)).map((d) => d.id)).toContain(visit.id);
    expect(await outboxItems()).toEqual([]);
  });

  it('does not reopen an item that is not refused', async () => {
    const visit = newVisitDraft(client, 'organizations/o/assignments/a');
    await saveForSending(visit);
    expect(await reopenForFixing(visit.id)).toBeUndefined();
    expect(await unsentItems()).toHaveLength(1);
  });
});
