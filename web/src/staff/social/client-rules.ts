// What a client added by hand needs before it is sent: CreateClient's rules (the server checks
// the same): a name; record-system ids written "system/id" (the system in lower-case letters,
// digits, '.', '-' or '_', as apotti), each once; a three-digit municipality code when given.
import { m } from './messages';

export interface ClientDraft {
  displayName: string;
  /** "apotti/12345, lifecare/A-7": one or more, separated by commas. */
  recordIds: string;
  municipality: string;
  languages: string[];
}

export const NAME_MAX = 200;
const ID_MAX = 128;
const REFS_MAX = 20;
const SYSTEM = /^[a-z0-9][a-z0-9._-]{0,63}$/;

export interface RecordId {
  system: string;
  id: string;
}

/** The record-system ids written, each split at its first '/'; those without one as system ''. */
export function recordIdsOf(text: string): RecordId[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const slash = part.indexOf('/');
      return slash < 0 ? { system: '', id: part } : { system: part.slice(0, slash).trim(), id: part.slice(slash + 1).trim() };
    });
}

export function clientProblems(draft: ClientDraft): string[] {
  const problems: string[] = [];
  const name = draft.displayName.trim();
  if (!name) problems.push(m('newClient.needName'));
  else if ([...name].length > NAME_MAX) problems.push(m('newClient.nameTooLong', { max: NAME_MAX }));
  const refs = recordIdsOf(draft.recordIds);
  const seen = new Set<string>();
  for (const ref of refs) {
    const written = `${ref.system}/${ref.id}`;
    if (!SYSTEM.test(ref.system) || !ref.id || [...ref.id].length > ID_MAX) problems.push(m('newClient.badRecordId', { id: ref.system ? written : ref.id }));
    else if (seen.has(written)) problems.push(m('newClient.recordIdTwice', { id: written }));
    seen.add(written);
  }
  if (refs.length > REFS_MAX) problems.push(m('newClient.tooManyRecordIds', { max: REFS_MAX }));
  const municipality = draft.municipality.trim();
  if (municipality && !/^\d{3}$/.test(municipality)) problems.push(m('newReferral.badMunicipality'));
  return problems;
}
