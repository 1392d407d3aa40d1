// The staff's part: each role sees only its own sections, each section's screens are fetched
// only when it is opened (never another area's), a guide never fetches the staff part, and every
// section's first screen passes axe-core and is photographed at 1440×900.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Stack, buildDir, launchBrowser, recordConsole } from './harness.mjs';
import { DESKTOP, checkStaffScreen, menuLabels, signInStaff } from './staff.mjs';

let stack;
let browser;
const consoleLines = [];
const menus = {};

// Which built file holds which source module (the section chunks are dynamic entries).
const manifest = JSON.parse(readFileSync(join(buildDir, 'web', '.vite', 'manifest.json'), 'utf8'));
const areaOf = (path) => {
  const entry = Object.entries(manifest).find(([, chunk]) => `/${chunk.file}` === path);
  return entry?.[0].match(/^src\/staff\/(social|coordinator|auditor)\//)?.[1];
};
const AREAS = { social_worker: 'social', coordinator: 'coordinator', auditor: 'auditor' };

before(async () => {
  stack = await Stack.start();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await stack?.close();
});

async function scriptsOf(page) {
  const scripts = [];
  page.on('request', (request) => request.resourceType() === 'script' && scripts.push(new URL(request.url()).pathname));
  return scripts;
}

for (const role of Object.keys(AREAS)) {
  test(`a ${role} sees only their own sections, each loaded when opened`, async () => {
    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    recordConsole(page, consoleLines);
    const scripts = await scriptsOf(page);
    await signInStaff(page, stack, role);
    const menu = await menuLabels(page);
    assert.ok(menu.length > 0, `${role} has a menu`);
    if (role === 'social_worker') assert.deepEqual(menu, ['Lähetteet', 'Asiakkaat']);
    menus[role] = menu;
    for (const label of menu) {
      await page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('button', { name: label }).click();
      await page.locator('main h1').first().waitFor();
      await page.getByRole('status').filter({ hasText: 'Ladataan…' }).waitFor({ state: 'detached' });
      await checkStaffScreen(page, `${role}-${label}`);
    }
    assert.ok(scripts.some((path) => /staff-app-/.test(path)), 'the staff part was loaded');
    const areas = new Set(scripts.map(areaOf).filter(Boolean));
    assert.deepEqual([...areas], [AREAS[role]], `${role} fetched the screens of ${[...areas].join(', ')}`);
    await context.close();
  });
}

test('no two roles share a menu entry', () => {
  const roles = Object.keys(menus);
  assert.equal(roles.length, 3);
  for (const a of roles) for (const b of roles) if (a !== b) for (const label of menus[a]) assert.ok(!menus[b].includes(label), `${label} in ${a} and ${b}`);
});

test('a guide never loads the staff part', async () => {
  const context = await browser.newContext({ viewport: DESKTOP });
  const page = await context.newPage();
  const scripts = await scriptsOf(page);
  await page.goto(stack.url);
  await page.getByRole('button', { name: 'Kirjaudu käyttäjänä Olli Ohjaaja' }).click();
  await page.getByRole('heading', { name: 'Asiakkaani' }).waitFor();
  assert.ok(!scripts.some((path) => /staff-app-/.test(path) || areaOf(path)), `scripts: ${scripts.join(', ')}`);
  await context.close();
  assert.deepEqual(consoleLines.filter((line) => !/Failed to load resource/.test(line)), []);
});
