// The outbox: every visit and note saved for sending, in its own IndexedDB database (apart from
// the drafts and from any cache). An item leaves it only when the server has said it is stored
// (the guide may then clear the stored ones); a refused item stays with its reason until the guide
// fixes it. Changes are told to every tab of the app.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Refusal } from '../../shared/api/refusal';
import { Emitter } from '../../shared/emitter';
import { deleteDraft, saveDraft, type Draft } from './drafts';

/** saved: on this phone, waiting; sending: on its way; stored: the server has it; refused. */
export type OutboxState = 'saved' | 'sending' | 'stored' | 'refused';

export interface OutboxItem {
  /** The draft's id (for a visit, its visit_id). */
  id: string;
  draft: Draft;
  state: OutboxState;
  refusal?: Refusal;
  savedTime: string;
  /** The order of saving on this phone: two saves within one millisecond keep their order. */
  sequence?: number;
  storedTime?: string;
}

interface OutboxDb extends DBSchema {
  items: { key: string; value: OutboxItem };
}

export const OUTBOX_DB = 'rinnalla-outbox';
let opened: Promise<IDBPDatabase<OutboxDb>> | null = null;
const changed = new Emitter();
const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('rinnalla-outbox');
channel?.addEventListener('message', () => changed.emit());

function db(): Promise<IDBPDatabase<OutboxDb>> {
  opened ??= openDB<OutboxDb>(OUTBOX_DB, 1, {
    upgrade(database) {
      database.createObjectStore('items', { keyPath: 'id' });
    },
  });
  return opened;
}

function tell(): void {
  changed.emit();
  channel?.postMessage('changed');
}

export const onOutboxChange = (listener: () => void) => changed.subscribe(listener);

/**
 * Saves a finished draft for sending: resolves once it is durably in the outbox. The draft is
 * deleted after that (a draft left behind by a closed page is tidied at the next start).
 */
export async function saveForSending(draft: Draft): Promise<void> {
  const database = await db();
  const tx = database.transaction('items', 'readwrite', { durability: 'strict' });
  const sequence = Math.max(0, ...(await tx.store.getAll()).map((item) => item.sequence ?? 0)) + 1;
  void tx.store.put({ id: draft.id, draft, state: 'saved', savedTime: new Date().toISOString(), sequence });
  await tx.done;
  tell();
  void deleteDraft(draft.id);
}

export async function outboxItems(): Promise<OutboxItem[]> {
  const items = await (await db()).getAll('items');
  return items.sort((a, b) => (a.sequence ?? 0) - (b.sequence ?? 0) || a.savedTime.localeCompare(b.savedTime));
}

/** Items not yet stored by the server (saved, sending or refused). */
export async function unsentItems(): Promise<OutboxItem[]> {
  return (await outboxItems()).filter((item) => item.state !== 'stored');
}

async function update(ids: string[], change: (item: OutboxItem) => OutboxItem): Promise<void> {
  const database = await db();
  const tx = database.transaction('items', 'readwrite', { durability: 'strict' });
  for (const id of ids) {
    const item = await tx.store.get(id);
    if (item) await tx.store.put(change(item));
  }
  await tx.done;
  tell();
}

export function markSending(ids: string[]): Promise<void> {
  return update(ids, (item) => ({ ...item, state: 'sending' }));
}

/** Back to waiting: the send did not reach a verdict (no connection, server busy, 401). */
export function markWaiting(ids: string[]): Promise<void> {
  return update(ids, (item) => (item.state === 'sending' ? { ...item, state: 'saved' } : item));
}

export function markStored(id: string): Promise<void> {
  return update([id], (item) => {
    const { refusal: _refusal, ...rest } = item;
    return { ...rest, state: 'stored', storedTime: new Date().toISOString() };
  });
}

export function markRefused(id: string, refusal: Refusal): Promise<void> {
  return update([id], (item) => ({ ...item, state: 'refused', refusal }));
}

/**
 * Takes a refused item back into a draft to fix. The same visit id stays (it is the same visit);
 * the request id is new, as the fixed request differs from the refused one.
 */
export async function reopenForFixing(id: string): Promise<Draft | undefined> {
  const database = await db();
  const item = await database.get('items', id);
  if (!item || item.state !== 'refused') return undefined;
  const fixed: Draft = { ...item.draft, requestId: crypto.randomUUID() };
  await saveDraft(fixed);
  await database.delete('items', id);
  tell();
  return fixed;
}

/** Removes the stored ones from the list (they are safe on the server). */
export async function clearStored(): Promise<void> {
  const database = await db();
  const tx = database.transaction('items', 'readwrite');
  for (const item of await tx.store.getAll()) {
    if (item.state === 'stored') await tx.store.delete(item.id);
  }
  await tx.done;
  tell();
}

/** Everything, on sign-out (after the guide was warned about unsent items). */
export async function deleteOutbox(): Promise<void> {
  await (await db()).clear('items');
  tell();
}
