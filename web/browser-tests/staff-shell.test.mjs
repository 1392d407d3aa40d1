// The staff's part: each role sees only its own sections, loaded lazily; every section's screen
// passes axe-core and is screenshotted at 1440×900.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Stack, launchBrowser, recordConsole } from './harness.mjs';
import { DESKTOP, checkStaffScreen, menuLabels, signInStaff } from './staff.mjs';

let stack;
let browser;
const consoleLines = [];

before(async () => {
  stack = await Stack.start();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await stack?.close();
});

const MENUS = {
  social_worker: ['Lähetteet', 'Asiakkaat'],
  coordinator: ['Kokemusohjaajat', 'Asiakasmäärät', 'Luvut'],
  auditor: ['Käsittelyloki'],
};

for (const [role, menu] of Object.entries(MENUS)) {
  test(`a ${role} sees only their own sections, each loaded when opened`, async () => {
    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    recordConsole(page, consoleLines);
    const scripts = [];
    page.on('request', (request) => request.resourceType() === 'script' && scripts.push(new URL(request.url()).pathname));
    await signInStaff(page, stack, role);
    assert.deepEqual(await menuLabels(page), menu);
    for (const label of menu) {
      await page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('button', { name: label }).click();
      await page.getByRole('heading', { level: 1, name: label }).waitFor();
      await checkStaffScreen(page, `${role}-${label}`);
    }
    // The coordinator's screens are never fetched for a social worker, nor the reverse.
    const others = Object.keys(MENUS).filter((other) => other !== role);
    assert.ok(scripts.some((path) => /staff-app-/.test(path)), 'the staff part was loaded');
    for (const other of others) {
      const chunk = { social_worker: /referrals-section-/, coordinator: /guides-/, auditor: /access-log-/ }[other];
      assert.ok(!scripts.some((path) => chunk.test(path)), `${role} loaded none of the ${other}'s screens`);
    }
    await context.close();
  });
}

test('a guide never loads the staff part', async () => {
  const context = await browser.newContext({ viewport: DESKTOP });
  const page = await context.newPage();
  const scripts = [];
  page.on('request', (request) => request.resourceType() === 'script' && scripts.push(new URL(request.url()).pathname));
  await page.goto(stack.url);
  await page.getByRole('button', { name: 'Kirjaudu käyttäjänä Olli Ohjaaja' }).click();
  await page.getByRole('heading', { name: 'Asiakkaani' }).waitFor();
  assert.ok(!scripts.some((path) => /staff-app-/.test(path)), `scripts: ${scripts.join(', ')}`);
  await context.close();
  assert.deepEqual(consoleLines.filter((line) => !/Failed to load resource/.test(line)), []);
});
