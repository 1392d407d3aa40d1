// The Connect transport (JSON over HTTP/1.1) to the server that served the app, with the user's
// token on every call. A 401 marks the session expired so the user is asked to sign in again.
import { Code, ConnectError, type Interceptor } from '@connectrpc/connect';
import { createConnectTransport } from '@connectrpc/connect-web';
import { markSessionExpired, session } from '../auth/session';

const authorize: Interceptor = (next) => async (request) => {
  const current = session();
  if (current) request.header.set('Authorization', `Bearer ${current.token}`);
  try {
    return await next(request);
  } catch (error) {
    if (ConnectError.from(error).code === Code.Unauthenticated) markSessionExpired();
    throw error;
  }
};

export const transport = createConnectTransport({
  baseUrl: globalThis.location?.origin ?? 'http://localhost',
  useBinaryFormat: false,
  interceptors: [authorize],
});

/** A POST to a REST path with the user's token; used where Connect has no form (client streams). */
export async function postRest(path: string, body: unknown): Promise<Response> {
  const current = session();
  const response = await fetch(path, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(current ? { authorization: `Bearer ${current.token}` } : {}),
    },
    body: JSON.stringify(body),
    cache: 'no-store',
  });
  if (response.status === 401) markSessionExpired();
  return response;
}
