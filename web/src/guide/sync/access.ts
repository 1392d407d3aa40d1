// Whether the guide may still see a client, asked of the server each time the guide opens the
// client: once the guidance has ended the server refuses (PERMISSION_DENIED, and files the refusal
// in the client's access log), and the phone removes what it kept of the client at once. Offline,
// or when the server cannot answer now, the cached copy stays and the next sync settles it.
import { Code, ConnectError } from '@connectrpc/connect';
import { directory } from '../../shared/api/clients';
import { forgetClient } from '../store/client-cache';

export type ClientAccess = 'open' | 'ended' | 'unknown';

export async function checkClientAccess(name: string): Promise<ClientAccess> {
  try {
    await directory.getClient({ name });
    return 'open';
  } catch (error) {
    if (ConnectError.from(error).code !== Code.PermissionDenied) return 'unknown';
    await forgetClient(name);
    return 'ended';
  }
}
