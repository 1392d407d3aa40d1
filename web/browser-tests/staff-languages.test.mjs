// The coordinator's and the auditor's screens in Swedish and English: every text from the
// catalogs (no key shows through), days written as the language writes them, axe-core clean, a
// 1440×900 screenshot of each.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { PHONE, eventually, signIn, useStack } from './harness.mjs';
import { checkStaffScreen, openMenu, openStaffPage } from './staff.mjs';

let stack;
let browser;
const consoleLines = [];
useStack((started, launched) => {
  stack = started;
  browser = launched;
});

// Every key of the staff's catalogs: a text missing in a language would show as its key.
const catalogs = ['messages', 'coordinator/messages', 'auditor/messages'].map((area) =>
  JSON.parse(readFileSync(new URL(`../src/staff/${area}/fi.json`, import.meta.url), 'utf8')),
);
const keys = catalogs.flatMap((catalog) => Object.keys(catalog));

async function noKeysShown(page, name) {
  const text = await page.evaluate(() => document.body.innerText);
  const shown = keys.filter((key) => text.includes(key));
  assert.deepEqual(shown, [], `${name}: catalog keys instead of texts`);
}

async function staffPage(role, language, languageLabel) {
  const { context, page } = await openStaffPage(browser, stack, role, consoleLines);
  await page.getByLabel('Kieli').selectOption(language);
  await page.getByLabel(languageLabel).waitFor();
  return { context, page };
}

test('the coordinator’s guides in Swedish and figures in English, days as each writes them', async () => {
  const sv = await staffPage('coordinator', 'sv', 'Språk');
  await sv.page.getByRole('heading', { level: 1, name: 'Erfarenhetshandledare' }).waitFor();
  await sv.page.getByRole('rowheader', { name: 'Olli Ohjaaja' }).waitFor();
  await noKeysShown(sv.page, 'guides in Swedish');
  await checkStaffScreen(sv.page, 'coordinator-guides-sv');
  await openMenu(sv.page, 'Siffror', 'Huvudmeny');
  await sv.page.getByRole('heading', { level: 1, name: 'Siffror' }).waitFor();
  await sv.page.getByText('I formen dd.mm.åååå, t.ex. 31.12.2026').first().waitFor();
  await noKeysShown(sv.page, 'figures in Swedish');
  await sv.context.close();

  const en = await staffPage('coordinator', 'en', 'Language');
  await openMenu(en.page, 'Figures', 'Main menu');
  await en.page.getByRole('heading', { level: 1, name: 'Figures' }).waitFor();
  const started = en.page.locator('.key-figures div').filter({ hasText: 'Guidances started' }).first().locator('dd');
  await eventually(async () => (await started.textContent()) === '2', 'two guidances started');
  await en.page.getByText('As dd/mm/yyyy, e.g. 31/12/2026').first().waitFor();
  // The period typed day first, as English (en-GB) writes it; an end before the start is said.
  await en.page.getByLabel('From').fill('01/06/2026');
  await en.page.getByLabel('To').fill('01/05/2026');
  await en.page.getByRole('button', { name: 'Show figures' }).click();
  await en.page.getByRole('alert').getByText('the end cannot be before the start', { exact: false }).waitFor();
  await noKeysShown(en.page, 'figures in English');
  await checkStaffScreen(en.page, 'coordinator-figures-en');
  await en.context.close();
});

test('the auditor’s access log in Swedish and English: people, outcomes and days in each', async () => {
  // The guide reads their clients on the phone, so the log has their reads.
  const phone = await browser.newContext({ viewport: PHONE });
  await signIn(await phone.newPage(), stack);
  await phone.close();
  const guideWords = { sv: 'erfarenhetshandledare', en: 'experience guide' };
  const guideId = stack.guide.split('/').pop().slice(0, 8);
  for (const [language, label, texts] of [
    ['sv', 'Språk', { finder: 'Sök klienten med namn eller med id i klientdatasystemet', title: 'Behandling av klientens uppgifter', done: 'Utfört', none: 'Inga poster motsvarar avgränsningen.', from: 'Från', to: 'Till', day: ['1.1.2000', '2.1.2000'] }],
    ['en', 'Language', { finder: 'Find a client by name or by record-system id', title: 'Processing of the client\'s data', done: 'Done', none: 'No entries match the filter.', from: 'From', to: 'To', day: ['01/01/2000', '02/01/2000'] }],
  ]) {
    const { context, page } = await staffPage('auditor', language, label);
    await page.getByLabel(texts.finder).fill('Aino');
    await page.getByRole('button', { name: 'Aino Asiakas' }).click();
    await page.getByRole('heading', { name: texts.title }).waitFor();
    const table = page.getByRole('table');
    await table.getByRole('row').filter({ hasText: `${guideWords[language]} ${guideId}` }).filter({ hasText: texts.done }).first().waitFor();
    await noKeysShown(page, `access log in ${language}`);
    await checkStaffScreen(page, `auditor-access-log-${language}`);
    await page.getByLabel(texts.from).fill(texts.day[0]);
    await page.getByLabel(texts.to).fill(texts.day[1]);
    await page.getByText(texts.none).waitFor();
    await context.close();
  }
  assert.deepEqual(consoleLines, [], 'the app logs nothing');
});
