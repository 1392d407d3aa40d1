// Signing out deletes everything of the user's on this device: the cached client data, the drafts
// and the outbox (the guide was warned first if anything was not yet sent).
import { forgetAllClients } from './store/client-cache';
import { allDraftIds, deleteAllDrafts, deleteDraft } from './store/drafts';
import { deleteOutbox, outboxItems } from './store/outbox';

export async function forgetEverything(): Promise<void> {
  await Promise.all([forgetAllClients(), deleteAllDrafts(), deleteOutbox()]);
}

/** A draft saved for sending but not deleted (the page closed in between) is the outbox's now. */
export async function tidyDrafts(): Promise<void> {
  const inOutbox = new Set((await outboxItems()).map((item) => item.id));
  for (const id of await allDraftIds()) if (inOutbox.has(id)) await deleteDraft(id);
}
