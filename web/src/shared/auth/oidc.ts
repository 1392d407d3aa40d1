// Production sign-in: OpenID Connect, authorization code with PKCE, done by oauth4webapi (the
// verifier, challenge, state and token response checks are the library's). The county's identity
// provider issues the token the server verifies against its JWKS; who signed in (the claims the
// server's config names for `sub`, `org` and `role`) comes with the ID token. Sign-out ends the
// provider's session too when it offers RP-initiated logout. Loaded only when the server's app
// config names an issuer.
import * as oauth from 'oauth4webapi';
import type { OidcConfig } from './app-config';
import type { Session } from './session';

const PENDING_KEY = 'rinnalla.oidcPending';

async function authorizationServer(config: OidcConfig): Promise<oauth.AuthorizationServer> {
  const issuer = new URL(config.issuer);
  return oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { algorithm: 'oidc' }));
}

function redirectUri(): string {
  return `${location.origin}/`;
}

/** Sends the browser to the identity provider. */
export async function beginOidcSignIn(config: OidcConfig): Promise<void> {
  const as = await authorizationServer(config);
  if (!as.authorization_endpoint) throw new Error('the identity provider has no authorization endpoint');
  const codeVerifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const nonce = oauth.generateRandomNonce();
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({ codeVerifier, state, nonce }));
  const url = new URL(as.authorization_endpoint);
  url.searchParams.set('client_id', config.clientId);
  url.searchParams.set('redirect_uri', redirectUri());
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', config.scope);
  url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(codeVerifier));
  url.searchParams.set('code_challenge_method', 'S256');
  url.searchParams.set('state', state);
  url.searchParams.set('nonce', nonce);
  location.assign(url);
}

/** True when this page load is the identity provider's redirect back. */
export function isOidcCallback(): boolean {
  return sessionStorage.getItem(PENDING_KEY) !== null && new URL(location.href).searchParams.has('state');
}

/** Finishes the sign-in on the redirect back; the code and state are then removed from the URL. */
export async function completeOidcSignIn(config: OidcConfig): Promise<Session> {
  const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? '{}') as {
    codeVerifier: string;
    state: string;
    nonce: string;
  };
  sessionStorage.removeItem(PENDING_KEY);
  const callback = new URL(location.href);
  history.replaceState(null, '', '/');
  const as = await authorizationServer(config);
  const client: oauth.Client = { client_id: config.clientId };
  const params = oauth.validateAuthResponse(as, client, callback, pending.state);
  const response = await oauth.authorizationCodeGrantRequest(
    as,
    client,
    oauth.None(),
    params,
    redirectUri(),
    pending.codeVerifier,
  );
  const result = await oauth.processAuthorizationCodeResponse(as, client, response, {
    expectedNonce: pending.nonce,
    requireIdToken: true,
  });
  const claims = oauth.getValidatedIdTokenClaims(result);
  if (!claims) throw new Error('no ID token');
  const text = (name: string) => (typeof claims[name] === 'string' ? (claims[name] as string) : '');
  const names = config.claims ?? { sub: 'sub', org: 'org', role: 'role' };
  const expiresIn = result.expires_in ?? 3600;
  return {
    token: result.access_token,
    expireTime: new Date(Date.now() + expiresIn * 1000).toISOString(),
    sub: text(names.sub),
    org: text(names.org),
    role: text(names.role),
    displayName: text('name') || text(names.sub),
    signedInWith: 'oidc',
  };
}

/**
 * Ends the provider's session (RP-initiated logout) when it offers that: the browser goes to the
 * provider, which comes back to the app. No ID token in the address (it names the user): the
 * client id says who asks. False when there is nothing to end there, or no connection to ask.
 */
export async function endOidcSession(config: OidcConfig): Promise<boolean> {
  let as: oauth.AuthorizationServer;
  try {
    as = await authorizationServer(config);
  } catch {
    return false;
  }
  if (!as.end_session_endpoint) return false;
  const url = new URL(as.end_session_endpoint);
  url.searchParams.set('client_id', config.clientId);
  url.searchParams.set('post_logout_redirect_uri', redirectUri());
  location.assign(url);
  return true;
}
