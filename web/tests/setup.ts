// Node has no localStorage or document: the little the modules touch at load time.
import 'fake-indexeddb/auto';

const store = new Map<string, string>();
Object.assign(globalThis, {
  localStorage: {
    getItem: (key: string) => store.get(key) ?? null,
    setItem: (key: string, value: string) => store.set(key, value),
    removeItem: (key: string) => store.delete(key),
  },
  document: { documentElement: { lang: 'fi' } },
});
