// Node has no localStorage or document: the little the modules touch at load time. Node 18 has
// no global Web Crypto either (the app's crypto.randomUUID()); it has the same in node:crypto.
import 'fake-indexeddb/auto';
import { webcrypto } from 'node:crypto';

if (!globalThis.crypto) Object.assign(globalThis, { crypto: webcrypto });

const store = new Map<string, string>();
Object.assign(globalThis, {
  localStorage: {
    getItem: (key: string) => store.get(key) ?? null,
    setItem: (key: string, value: string) => store.set(key, value),
    removeItem: (key: string) => store.delete(key),
  },
  document: { documentElement: { lang: 'fi' } },
});
