// A search for a client as the user types: asked of the server once typing pauses, one page of
// `pageSize` at most, and an answer to an older text never replacing a newer one's.
import { useEffect, useState } from 'preact/hooks';
import { refusalFromError } from '../../shared/api/refusal';
import { clientFilter, findClients, type Found } from './client-search';
import { wordRefusal } from './refusal-words';

/** How long typing must pause before the server is asked. */
export const SEARCH_PAUSE_MS = 250;

export interface ClientSearch {
  /** The latest answer (kept while a newer text is asked, so the list does not flicker). */
  found?: Found;
  /** The answer is to the text as it is now. */
  current: boolean;
  problem?: string;
}

export function useClientSearch(query: string, pageSize: number): ClientSearch {
  const filter = clientFilter(query);
  const [answer, setAnswer] = useState<{ filter: string; found?: Found; problem?: string }>({ filter: '' });
  useEffect(() => {
    if (!filter) return setAnswer({ filter });
    let alive = true;
    const timer = setTimeout(() => {
      findClients(query, pageSize).then(
        (found) => alive && setAnswer({ filter, found }),
        (error: unknown) => alive && setAnswer({ filter, problem: wordRefusal(refusalFromError(error)) }),
      );
    }, SEARCH_PAUSE_MS);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [filter, pageSize]);
  const current = answer.filter === filter;
  return { found: filter ? answer.found : undefined, current, problem: current ? answer.problem : undefined };
}
