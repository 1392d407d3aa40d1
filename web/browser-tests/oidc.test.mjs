// Signing in with OpenID Connect (authorization code and PKCE) at a real identity provider, in
// Debian's Chromium against the real server, which trusts only the provider's JWKS, issuer and
// audience, and reads the guide, organization and role from claims the provider names its own way.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { PHONE, Stack, launchBrowser } from './harness.mjs';
import { AUDIENCE, CLAIMS, IdentityProvider } from './identity-provider.mjs';
import { checkScreen } from './screens.mjs';

let stack;
let idp;
let browser;

before(async () => {
  stack = await Stack.start();
  idp = await IdentityProvider.start({
    dir: stack.dir,
    app: stack.url,
    accounts: { 'olli.ohjaaja': { name: 'Olli Ohjaaja', user: stack.guide, org: stack.org, role: 'guide' } },
  });
  await stack.restartWithAuth(idp.serverFlags(join(stack.dir, 'idp-jwks.json')));
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await idp?.close();
  await stack?.close();
});

/** The guide's assignments over REST with `token`: the status and the ErrorInfo reason. */
async function listAssignments(token) {
  const filter = encodeURIComponent(`guide = "${stack.guide}"`);
  const response = await fetch(`${stack.url}/v1/organizations/${stack.org}/assignments?filter=${filter}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const body = await response.json();
  const reason = body.details?.find((d) => d['@type']?.endsWith('google.rpc.ErrorInfo'))?.reason;
  return { status: response.status, body, reason };
}

/** Signs in on the provider's own login and consent pages, from the app's sign-in screen. */
async function signInAtProvider(page) {
  await page.getByRole('button', { name: 'Kirjaudu sisään' }).click();
  await page.waitForURL((url) => url.origin === idp.issuer);
  await page.locator('input[name="login"]').fill('olli.ohjaaja');
  await page.locator('input[name="password"]').fill('salasana');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click(); // the provider's consent
  await page.waitForURL((url) => url.origin === stack.url);
}

test('a guide signs in at the identity provider, reaches My clients, and signing out ends the provider session', async () => {
  const context = await browser.newContext({ viewport: PHONE, ignoreHTTPSErrors: true });
  const page = await context.newPage();
  await page.goto(stack.url);
  await page.getByRole('heading', { name: 'Kirjaudu sisään' }).waitFor();
  assert.equal(await page.getByRole('heading', { name: 'Testikäyttäjät' }).count(), 0, 'no development sign-in');
  await checkScreen(page, 'sign-in-oidc');

  await signInAtProvider(page);
  await page.getByRole('heading', { name: 'Asiakkaani' }).waitFor();
  await page.getByRole('button', { name: /^Aino Asiakas/ }).waitFor(); // the server took the token
  await page.getByRole('button', { name: /^Bertta Bergström/ }).waitFor();
  assert.equal(new URL(page.url()).search, '', 'the code and state are gone from the address');

  const session = await page.evaluate(() => JSON.parse(localStorage.getItem('rinnalla.session')));
  assert.equal(session.sub, stack.guide);
  assert.equal(session.org, stack.org);
  assert.equal(session.role, 'guide');
  assert.equal(session.displayName, 'Olli Ohjaaja');

  // The provider's access token is what the server accepts; the same key with another issuer or
  // audience is refused.
  const accepted = await listAssignments(session.token);
  assert.equal(accepted.status, 200);
  assert.equal(accepted.body.assignments.length, 2);
  const claims = { [CLAIMS.sub]: stack.guide, [CLAIMS.org]: stack.org, [CLAIMS.role]: 'guide', sub: 'olli.ohjaaja' };
  const otherIssuer = await listAssignments(await idp.forge({ ...claims, iss: 'https://other.example', aud: AUDIENCE }));
  assert.equal(otherIssuer.status, 401);
  assert.equal(otherIssuer.reason, 'UNAUTHENTICATED');
  const otherAudience = await listAssignments(await idp.forge({ ...claims, iss: idp.issuer, aud: 'another-service' }));
  assert.equal(otherAudience.status, 401);
  assert.equal(otherAudience.reason, 'UNAUTHENTICATED');
  const control = await listAssignments(await idp.forge({ ...claims, iss: idp.issuer, aud: AUDIENCE }));
  assert.equal(control.status, 200, 'the forged tokens differ from an accepted one only by iss or aud');

  // Signing out ends the provider's session too: signing in again asks for the login again.
  await page.getByRole('button', { name: 'Kirjaudu ulos' }).click();
  await page.waitForURL((url) => url.origin === idp.issuer);
  await page.getByRole('button', { name: 'Yes, sign me out' }).click();
  await page.waitForURL((url) => url.origin === stack.url);
  await page.getByRole('heading', { name: 'Kirjaudu sisään' }).waitFor();
  assert.equal(await page.evaluate(() => localStorage.getItem('rinnalla.session')), null);
  await page.getByRole('button', { name: 'Kirjaudu sisään' }).click();
  await page.waitForURL((url) => url.origin === idp.issuer);
  await page.locator('input[name="login"]').waitFor();
  await context.close();
});
