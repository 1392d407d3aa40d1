// The draft a screen edits: found again if one was left open for this client, otherwise made now
// (with its ids). Saved to IndexedDB on every change and when the page is hidden or closed.
import { useEffect, useRef, useState } from 'preact/hooks';
import { draft as readDraft, draftsOf, saveDraft, type Draft } from './store/drafts';

export function useDraft<D extends Draft>(
  client: string,
  draftId: string | undefined,
  kind: D['kind'],
  make: () => D | null,
): [D | null | undefined, (change: Partial<D>) => void] {
  const [current, setCurrent] = useState<D | null | undefined>(undefined);
  const latest = useRef<D | null>(null);

  useEffect(() => {
    let alive = true;
    void (async () => {
      const found = draftId
        ? await readDraft(draftId)
        : (await draftsOf(client))
            .filter((d) => d.kind === kind)
            .sort((a, b) => b.updateTime.localeCompare(a.updateTime))[0];
      const chosen = (found as D | undefined) ?? make();
      if (chosen && !found) await saveDraft(chosen);
      if (alive) {
        latest.current = chosen;
        setCurrent(chosen);
      }
    })();
    const onHide = () => {
      if (latest.current) void saveDraft(latest.current);
    };
    addEventListener('pagehide', onHide);
    return () => {
      alive = false;
      removeEventListener('pagehide', onHide);
    };
  }, [client, draftId]);

  const change = (part: Partial<D>) => {
    if (!latest.current) return;
    const next = { ...latest.current, ...part };
    latest.current = next;
    setCurrent(next);
    void saveDraft(next);
  };
  return [current, change];
}
