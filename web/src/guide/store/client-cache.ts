// What the guide's phone keeps of each client for offline use: the client, the assignment, the
// agreed goals, the next meeting and the guide's own recent visits and notes. Its own IndexedDB
// database; a client's record is deleted as soon as the server says the guide's access ended, and
// all of it on sign-out.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Assignment } from '../../gen/rinnalla/v1/matching_pb';
import type { Client } from '../../gen/rinnalla/v1/directory_pb';
import type { Goal, Meeting } from '../../gen/rinnalla/v1/meetings_pb';
import type { ProgressNote } from '../../gen/rinnalla/v1/notes_pb';
import type { Visit } from '../../gen/rinnalla/v1/visits_pb';
import { Emitter } from '../../shared/emitter';

export interface ClientRecord {
  /** organizations/{org}/clients/{client}. */
  name: string;
  client: Client;
  assignment: Assignment;
  goals: Goal[];
  nextMeeting: Meeting | null;
  visits: Visit[];
  notes: ProgressNote[];
  fetchTime: string;
}

interface CacheDb extends DBSchema {
  clients: { key: string; value: ClientRecord };
}

export const CACHE_DB = 'rinnalla-cache';
let opened: Promise<IDBPDatabase<CacheDb>> | null = null;
const changed = new Emitter();

function db(): Promise<IDBPDatabase<CacheDb>> {
  opened ??= openDB<CacheDb>(CACHE_DB, 1, {
    upgrade(database) {
      database.createObjectStore('clients', { keyPath: 'name' });
    },
  });
  return opened;
}

export const onClientsChange = (listener: () => void) => changed.subscribe(listener);

export async function cachedClients(): Promise<ClientRecord[]> {
  return (await db()).getAll('clients');
}

export async function cachedClient(name: string): Promise<ClientRecord | undefined> {
  return (await db()).get('clients', name);
}

/** Replaces the cache with the clients the server listed: any other client's data goes. */
export async function replaceClients(records: ClientRecord[]): Promise<void> {
  const database = await db();
  const tx = database.transaction('clients', 'readwrite');
  const keep = new Set(records.map((record) => record.name));
  for (const name of await tx.store.getAllKeys()) {
    if (!keep.has(name)) await tx.store.delete(name);
  }
  for (const record of records) await tx.store.put(record);
  await tx.done;
  changed.emit();
}

/** The server said the guide's access to this client ended. */
export async function forgetClient(name: string): Promise<void> {
  await (await db()).delete('clients', name);
  changed.emit();
}

export async function forgetAllClients(): Promise<void> {
  await (await db()).clear('clients');
  changed.emit();
}
