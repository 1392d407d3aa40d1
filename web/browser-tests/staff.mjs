// The staff's part in the browser: signing in as a staff user at desktop size, and the checks of a
// staff screen (axe-core, a screenshot at 1440×900, usable at 768 px without sideways scrolling).
import assert from 'node:assert/strict';
import { screenshotPath } from './harness.mjs';
import { axeViolations } from './screens.mjs';

export const DESKTOP = { width: 1440, height: 900 };
export const NARROW = { width: 768, height: 900 };

export const STAFF = {
  social_worker: 'Sanna Sosiaalityöntekijä',
  coordinator: 'Kaisa Koordinaattori',
  auditor: 'Tuomas Tarkastaja',
};

/** Opens the app and signs in as the staff user of `role`; resolves once the menu is drawn. */
export async function signInStaff(page, stack, role) {
  await page.goto(stack.url);
  await page.getByRole('button', { name: `Kirjaudu käyttäjänä ${STAFF[role]}` }).click();
  await page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('button').first().waitFor();
}

/** The labels of the main menu's entries. */
export async function menuLabels(page) {
  return (await page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('button').allTextContents()).map((text) => text.trim());
}

export async function checkStaffScreen(page, name) {
  assert.deepEqual(await axeViolations(page), [], `axe-core on ${name}`);
  await page.screenshot({ path: screenshotPath(`staff-${name}`), fullPage: true });
  await page.setViewportSize(NARROW);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  await page.setViewportSize(DESKTOP);
  assert.ok(overflow <= 0, `${name} scrolls sideways by ${overflow} px at 768 px`);
  assert.equal(new URL(page.url()).pathname + new URL(page.url()).search, '/', `${name}: nothing in the URL`);
}
