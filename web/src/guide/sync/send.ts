// Sends the outbox: visits as one SyncVisits batch (the REST array form, POST /v1/visits:sync,
// since a browser cannot stream a request), notes one AddProgressNote each (Connect). Each item's
// fate follows the server's answer alone: stored, refused with its reason, or still waiting.
import { toJson, type JsonValue } from '@bufbuild/protobuf';
import { LogVisitRequestSchema } from '../../gen/rinnalla/v1/visits_pb';
import { notes } from '../../shared/api/clients';
import {
  isTransient,
  isUnauthenticated,
  refusalFromError,
  refusalFromStatusJson,
  type Refusal,
} from '../../shared/api/refusal';
import { postRest } from '../../shared/api/transport';
import { markSessionExpired } from '../../shared/auth/session';
import { forgetClient } from '../store/client-cache';
import type { NoteDraft, VisitDraft } from '../store/drafts';
import { markRefused, markSending, markStored, markWaiting, unsentItems, type OutboxItem } from '../store/outbox';
import { addProgressNoteRequest, logVisitRequest } from './requests';

/** The server takes at most 500 visits per sync. */
const SYNC_LIMIT = 500;

/** What a refusal means for the item: wait and send again, or keep it refused for the guide. */
async function settle(item: OutboxItem, refusal: Refusal): Promise<void> {
  if (isUnauthenticated(refusal)) {
    markSessionExpired();
    await markWaiting([item.id]);
  } else if (isTransient(refusal)) {
    await markWaiting([item.id]);
  } else {
    // PERMISSION_DENIED on a client of the guide's means the access ended: forget its data.
    if (refusal.code === 'PERMISSION_DENIED') await forgetClient(item.draft.client);
    await markRefused(item.id, refusal);
  }
}

function waiting(items: OutboxItem[]): OutboxItem[] {
  return items.filter((item) => item.state === 'saved' || item.state === 'sending');
}

export async function sendVisits(): Promise<void> {
  const batch = waiting(await unsentItems())
    .filter((item) => item.draft.kind === 'visit')
    .slice(0, SYNC_LIMIT);
  if (batch.length === 0) return;
  const ids = batch.map((item) => item.id);
  await markSending(ids);
  let response: Response;
  try {
    response = await postRest(
      '/v1/visits:sync',
      batch.map((item) => toJson(LogVisitRequestSchema, logVisitRequest(item.draft as VisitDraft))),
    );
  } catch {
    await markWaiting(ids); // no connection, or it broke: what the server read is stored there
    throw new Offline();
  }
  if (!response.ok) {
    await markWaiting(ids);
    if (response.status === 401) return;
    let refusal: Refusal | null = null;
    try {
      refusal = refusalFromStatusJson((await response.json()) as JsonValue);
    } catch {
      // not a Status body: a proxy's or a broken answer; the items wait
    }
    if (refusal && !isTransient(refusal)) throw new Error(`visits sync refused: ${refusal.code} ${refusal.reason}`);
    return;
  }
  // SyncVisitsResponse: one result per request, in order, the stored visit or a Status. Only
  // which of the two matters here (the stored visit is read again with the client's data).
  let results: { visit?: JsonValue; error?: JsonValue }[];
  try {
    results = ((await response.json()) as { results?: typeof results }).results ?? [];
  } catch {
    await markWaiting(ids);
    throw new Offline(); // the answer broke off
  }
  for (const [index, item] of batch.entries()) {
    const result = results[index];
    if (result?.visit) await markStored(item.id);
    else if (result?.error) await settle(item, refusalFromStatusJson(result.error));
    else await markWaiting([item.id]);
  }
}

export async function sendNotes(): Promise<void> {
  const batch = waiting(await unsentItems()).filter((item) => item.draft.kind === 'note');
  for (const item of batch) {
    await markSending([item.id]);
    try {
      await notes.addProgressNote(addProgressNoteRequest(item.draft as NoteDraft));
      await markStored(item.id);
    } catch (error) {
      const refusal = refusalFromError(error);
      await settle(item, refusal);
      if (refusal.code === 'UNAVAILABLE' || refusal.code === 'UNAUTHENTICATED') {
        await markWaiting(batch.map((other) => other.id));
        return;
      }
    }
  }
}

/** The server could not be reached. */
export class Offline extends Error {
  constructor() {
    super('offline');
  }
}
