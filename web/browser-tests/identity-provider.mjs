// A county's identity provider for the browser tests: `oidc-provider` (a certified OpenID
// Provider) on loopback over HTTPS with a certificate made for the run, with its own login and
// consent pages, RP-initiated logout, and access tokens as JWTs (RFC 9068) for Rinnalla's API.
// Like many counties' providers, its `sub` is an id of its own: the guide's resource name, the
// organization and the role come as claims of other names, which the server is told.
import { execFile } from 'node:child_process';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:https';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SignJWT, importJWK } from 'jose';
import Provider from 'oidc-provider';

const run = promisify(execFile);

/** The claim names this provider uses, and the server's flags that say so. */
export const CLAIMS = { sub: 'rinnalla_user', org: 'rinnalla_org', role: 'rinnalla_role' };
export const SCOPE = 'openid profile rinnalla';
export const CLIENT_ID = 'rinnalla-web';
export const AUDIENCE = 'rinnalla';

export class IdentityProvider {
  /**
   * Starts on a free loopback port. `accounts`: login name → { name, user, org, role }; `app`:
   * the web app's origin (its redirect and post-logout address is `${app}/`).
   */
  static async start({ dir, accounts, app }) {
    const idp = new IdentityProvider();
    await idp.#start(dir, accounts, app);
    return idp;
  }

  #server = null;
  #signingKey = null;

  async #start(dir, accounts, app) {
    const certificate = join(dir, 'idp-cert.pem');
    const privateKey = join(dir, 'idp-key.pem');
    await run('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1',
      '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost',
      '-keyout', privateKey, '-out', certificate,
    ]);
    const { privateKey: signing } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    this.#signingKey = { ...signing.export({ format: 'jwk' }), kid: `idp-${randomUUID()}`, alg: 'ES256', use: 'sig' };
    const { d: _secret, ...publicJwk } = this.#signingKey;
    this.publicJwk = publicJwk;

    this.#server = createServer({ key: readFileSync(privateKey), cert: readFileSync(certificate) });
    await new Promise((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.issuer = `https://localhost:${this.#server.address().port}`;

    const account = (id) => {
      const known = accounts[id];
      if (!known) return undefined;
      return {
        accountId: id,
        claims: async () => ({
          sub: id,
          name: known.name,
          [CLAIMS.sub]: known.user,
          [CLAIMS.org]: known.org,
          [CLAIMS.role]: known.role,
        }),
      };
    };
    const redirect = `${app}/`;
    const provider = new Provider(this.issuer, {
      clients: [
        {
          client_id: CLIENT_ID,
          token_endpoint_auth_method: 'none',
          grant_types: ['authorization_code'],
          response_types: ['code'],
          redirect_uris: [redirect],
          post_logout_redirect_uris: [redirect],
          id_token_signed_response_alg: 'ES256',
        },
      ],
      jwks: { keys: [this.#signingKey] },
      cookies: { keys: [randomUUID()] },
      findAccount: (_ctx, id) => account(id),
      claims: { openid: ['sub'], profile: ['name'], rinnalla: Object.values(CLAIMS) },
      // The ID token carries the granted scopes' claims, so the app knows who signed in.
      conformIdTokenClaims: false,
      clientBasedCORS: (_ctx, origin) => origin === app,
      features: {
        devInteractions: { enabled: true },
        rpInitiatedLogout: { enabled: true },
        resourceIndicators: {
          enabled: true,
          defaultResource: () => 'urn:rinnalla:api',
          useGrantedResource: () => true,
          getResourceServerInfo: () => ({
            scope: 'rinnalla',
            audience: AUDIENCE,
            accessTokenFormat: 'jwt',
            accessTokenTTL: 3600,
            jwt: { sign: { alg: 'ES256' } },
          }),
        },
      },
      extraTokenClaims: async (_ctx, token) => {
        const claims = await account(token.accountId)?.claims();
        return claims && { [CLAIMS.sub]: claims[CLAIMS.sub], [CLAIMS.org]: claims[CLAIMS.org], [CLAIMS.role]: claims[CLAIMS.role] };
      },
      pkce: { required: () => true },
    });
    this.#server.on('request', provider.callback());
  }

  /** rinnalla-server's flags to trust this provider: its JWKS (written to `jwksPath`), issuer, claims. */
  serverFlags(jwksPath) {
    writeFileSync(jwksPath, JSON.stringify({ keys: [this.publicJwk] }));
    return [
      '--jwt-public-keys', jwksPath, '--jwt-issuer', this.issuer, '--jwt-audience', AUDIENCE,
      '--jwt-sub-claim', CLAIMS.sub, '--jwt-org-claim', CLAIMS.org, '--jwt-role-claim', CLAIMS.role,
      '--oidc-issuer', this.issuer, '--oidc-client-id', CLIENT_ID, '--oidc-scope', SCOPE,
    ];
  }

  /** A token signed with the provider's own key, but with the claims given (to be refused). */
  async forge(claims) {
    const key = await importJWK(this.#signingKey, 'ES256');
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: this.#signingKey.kid, typ: 'at+jwt' })
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(key);
  }

  async close() {
    this.#server?.closeAllConnections();
    await new Promise((resolve) => this.#server?.close(resolve));
  }
}
