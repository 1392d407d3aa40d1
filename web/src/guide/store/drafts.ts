// What the guide is writing, before it is saved for sending: a visit or a progress note. Its ids
// (the visit's id, the request id) are made when the draft is made, so however often it is sent
// it is the same visit. Drafts live in their own IndexedDB database, saved on every change.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

export interface PlaceOutcomeDraft {
  /** ServicePlace. */
  place: number;
  /** PlaceOutcome.Appointment; 0 until chosen. */
  appointment: number;
  /** PlaceOutcome.Action values. */
  actions: number[];
  /** PlaceOutcome.Acting; 0 until chosen. */
  acting: number;
  note: string;
}

export interface VisitDraft {
  kind: 'visit';
  /** The visit_id (a UUID). */
  id: string;
  requestId: string;
  /** organizations/{org}/clients/{client}. */
  client: string;
  assignment: string;
  /** RFC 3339. */
  startTime: string;
  durationMinutes: number;
  /** Visit.Mode; 0 until chosen. */
  mode: number;
  places: number[];
  outcomes: PlaceOutcomeDraft[];
  goals: string[];
  summary: string;
  updateTime: string;
}

export interface GoalScore {
  goal: string;
  score: number;
}

export interface NoteDraft {
  kind: 'note';
  id: string;
  requestId: string;
  client: string;
  assignment: string;
  text: string;
  /** The guide's own ratings. */
  ratings: GoalScore[];
  /** Whether the client rates with the guide, and the client's own ratings. */
  clientRates: boolean;
  clientRatings: GoalScore[];
  updateTime: string;
}

export type Draft = VisitDraft | NoteDraft;

interface DraftsDb extends DBSchema {
  drafts: { key: string; value: Draft; indexes: { client: string } };
}

export const DRAFTS_DB = 'rinnalla-drafts';
let opened: Promise<IDBPDatabase<DraftsDb>> | null = null;

function db(): Promise<IDBPDatabase<DraftsDb>> {
  opened ??= openDB<DraftsDb>(DRAFTS_DB, 1, {
    upgrade(database) {
      database.createObjectStore('drafts', { keyPath: 'id' }).createIndex('client', 'client');
    },
  });
  return opened;
}

export function newVisitDraft(client: string, assignment: string, now = new Date()): VisitDraft {
  return {
    kind: 'visit',
    id: crypto.randomUUID(),
    requestId: crypto.randomUUID(),
    client,
    assignment,
    startTime: now.toISOString(),
    durationMinutes: 60,
    mode: 0,
    places: [],
    outcomes: [],
    goals: [],
    summary: '',
    updateTime: now.toISOString(),
  };
}

export function newNoteDraft(client: string, assignment: string, now = new Date()): NoteDraft {
  return {
    kind: 'note',
    id: crypto.randomUUID(),
    requestId: crypto.randomUUID(),
    client,
    assignment,
    text: '',
    ratings: [],
    clientRates: false,
    clientRatings: [],
    updateTime: now.toISOString(),
  };
}

export async function saveDraft(draft: Draft): Promise<void> {
  await (await db()).put('drafts', { ...draft, updateTime: new Date().toISOString() });
}

export async function draftsOf(client: string): Promise<Draft[]> {
  return (await db()).getAllFromIndex('drafts', 'client', client);
}

export async function draft(id: string): Promise<Draft | undefined> {
  return (await db()).get('drafts', id);
}

export async function deleteDraft(id: string): Promise<void> {
  await (await db()).delete('drafts', id);
}

export async function allDraftIds(): Promise<string[]> {
  return (await db()).getAllKeys('drafts');
}

export async function deleteAllDrafts(): Promise<void> {
  await (await db()).clear('drafts');
}
