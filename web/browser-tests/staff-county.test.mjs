// The coordinator's screens over a county's year (`rinnalla demo-data`: 200 guides, 2,000 clients,
// 50,000 visits, closed guidances and rated notes): the figures drawn in under 2 s from the
// click, the caseload of every guide, both screenshotted at 1440×900 and checked by axe-core.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eventually, useStack } from './harness.mjs';
import { checkStaffScreen, openMenu as menu, openStaffPage } from './staff.mjs';

const COUNTY = { guides: 200, clients: 2000, visits: 50000 };
let stack;
let browser;

useStack(
  (started, launched) => {
    stack = started;
    browser = launched;
    console.log(`# FIGURE demo-data county year (${COUNTY.guides} guides, ${COUNTY.clients} clients, ${COUNTY.visits} visits): loaded in ${stack.demoSeconds.toFixed(1)} s`);
  },
  { demo: COUNTY },
);

test('the coordinator’s figures over a county’s year are drawn in under 2 s', async () => {
  const { context, page } = await openStaffPage(browser, stack, 'coordinator');
  await page.getByRole('heading', { level: 1, name: 'Kokemusohjaajat' }).waitFor();
  // The figures' screen code loaded once before, so the figure is the figures' own time.
  await menu(page, 'Luvut');
  await page.getByRole('table', { name: /^T-luku päättyessä/ }).waitFor({ timeout: 60_000 });
  await menu(page, 'Kokemusohjaajat');
  await page.getByRole('heading', { level: 1, name: 'Kokemusohjaajat' }).waitFor();

  const timings = [];
  for (let round = 0; round < 3; round++) {
    const began = Date.now();
    await menu(page, 'Luvut');
    await page.getByRole('table', { name: /^T-luku päättyessä/ }).waitFor({ timeout: 60_000 });
    await page.getByRole('table', { name: 'Saattaen tehdyt käynnit asiointipaikoittain ja pidetyt ajat' }).waitFor();
    timings.push(Date.now() - began);
    const marks = await page.evaluate(() =>
      ['rinnalla-figures-outcomes', 'rinnalla-figures-visits'].map((name) => performance.getEntriesByName(name).at(-1)?.duration.toFixed(0)),
    );
    console.log(`# round ${round + 1}: ${timings.at(-1)} ms; SummarizeOutcomes answered after ${marks[0]} ms, SummarizeVisits after ${marks[1]} ms`);
    if (round < 2) {
      await menu(page, 'Kokemusohjaajat');
      await page.getByRole('heading', { level: 1, name: 'Kokemusohjaajat' }).waitFor();
    }
  }
  const best = Math.min(...timings);
  console.log(`# FIGURE coordinator's figures over a county year, click to drawn: ${timings.join(', ')} ms (best ${best} ms; target 2000 ms)`);

  const visits = page.locator('.key-figures div').filter({ hasText: /^Käyntejä/ }).locator('dd');
  // The screen's period is the twelve months up to today in whole days; the demo's year runs
  // 365 days back from the load, so a visit or two of its first hours may fall outside.
  const shown = Number((await visits.textContent()).replace(/\s/g, ''));
  assert.ok(shown > 49_000 && shown <= 50_000, `visits shown: ${shown}`);
  const ended = await page.getByRole('table', { name: 'Päättyneet ohjaukset syyn mukaan' }).getByRole('row').count();
  assert.ok(ended >= 4, `end reasons in the table: ${ended - 1}`);
  await checkStaffScreen(page, 'coordinator-figures-county');
  assert.ok(best < 2000, `the figures took ${best} ms`);
  await context.close();
});

test('the caseload over a county’s 200 guides', async () => {
  const { context, page } = await openStaffPage(browser, stack, 'coordinator');
  const began = Date.now();
  await menu(page, 'Asiakasmäärät');
  const rows = page.getByRole('table').getByRole('rowheader');
  await eventually(async () => (await rows.count()) === COUNTY.guides + 1, 'every guide (and the harness’s own)', 60_000);
  console.log(`# FIGURE caseload of ${COUNTY.guides + 1} guides drawn in ${Date.now() - began} ms`);
  // Full guides first.
  const first = await page.getByRole('table').getByRole('row').nth(1).textContent();
  assert.match(first, /Täynnä/);
  await checkStaffScreen(page, 'coordinator-caseload-county');
  await context.close();
});

test('the finder asks the server over a county’s 2,000 clients: one page, and a hint when more match', async () => {
  const [someone] = (await stack.call('Directory/ListClients', { parent: `organizations/${stack.org}`, pageSize: 1 })).clients;
  const { context, page } = await openStaffPage(browser, stack, 'social_worker');
  await menu(page, 'Asiakkaat');
  const finder = page.getByLabel('Etsi asiakas nimellä tai asiakastietojärjestelmän tunnuksella');
  await finder.fill('a');
  await page.getByRole('status').getByText('Näytetään 20 ensimmäistä. Hakuun osuu useampia: kirjoita nimestä lisää.').waitFor();
  const found = page.getByRole('list', { name: 'Löytyneet asiakkaat' }).getByRole('button');
  assert.equal(await found.count(), 20, 'one page of 20, not the county');
  await checkStaffScreen(page, 'social-finder-more');
  // The whole name, typed in other case: the client is found, and the time to the answer (after
  // the 250 ms pause in typing) is printed. The client may already be among the 20 shown for
  // "a", so the answer is there once every client shown has the name.
  const name = someone.displayName.toLowerCase();
  const started = Date.now();
  await finder.fill(someone.displayName.toUpperCase());
  for (const until = started + 10_000; ; ) {
    const shown = await found.allTextContents();
    if (shown.length > 0 && shown.every((text) => text.toLowerCase().includes(name))) break;
    assert.ok(Date.now() < until, `only clients named ${someone.displayName} shown within 10 s (${shown.length} shown)`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  console.log(`# FIGURE finder over ${COUNTY.clients} clients: "${someone.displayName.toUpperCase()}" typed to its button shown in ${Date.now() - started} ms (of which 250 ms the pause in typing)`);
  await context.close();
});
