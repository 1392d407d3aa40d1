// A list read in keyset pages (page tokens): the items so far, and the next page on request.
import { useEffect, useRef, useState } from 'preact/hooks';
import { refusalFromError } from '../../shared/api/refusal';
import { wordRefusal } from '../shared/refusal-words';

export interface Pages<T> {
  items: T[];
  /** False once the last page is read. */
  hasMore: boolean;
  loading: boolean;
  problem: string;
  more: () => Promise<void>;
}

export function usePages<T>(read: (pageToken: string) => Promise<{ items: T[]; next: string }>, deps: unknown[]): Pages<T> {
  const [items, setItems] = useState<T[]>([]);
  const [next, setNext] = useState<string | null>('');
  const [loading, setLoading] = useState(true); // the first page is asked for at once
  const [problem, setProblem] = useState('');
  const busy = useRef(false);
  const token = useRef<string | null>('');

  const more = async () => {
    if (busy.current || token.current === null) return;
    busy.current = true;
    setLoading(true);
    try {
      const page = await read(token.current);
      token.current = page.next || null;
      setItems((current) => [...current, ...page.items]);
      setNext(token.current);
      setProblem('');
    } catch (error) {
      setProblem(wordRefusal(refusalFromError(error)));
    } finally {
      busy.current = false;
      setLoading(false);
    }
  };
  useEffect(() => {
    token.current = '';
    setItems([]);
    setNext('');
    void more();
  }, deps);
  return { items, hasMore: next !== null, loading, problem, more };
}
