// The coordinator's and the auditor's screens in the real Chromium against the real server:
// guides added and edited by keyboard alone (a refused edit writes nothing), the caseload, the
// pilot's figures with their CSV, and one client's access log with the guide's reads and a
// refused attempt, filtered and exported; a guide's "I know this person" exclusion removed after
// confirming. axe-core and a 1440×900 screenshot on every screen.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, test } from 'node:test';
import { eventually, signIn, useStack } from './harness.mjs';
import { tabTo } from './screens.mjs';
import { checkStaffScreen, openMenu as menu, openStaffPage } from './staff.mjs';

let stack;
let browser;
const consoleLines = [];

useStack((started, launched) => {
  stack = started;
  browser = launched;
});
after(() => {
  // The browser's own line for a refused request (the stale edit's 409) is not the app's.
  const apps = consoleLines.filter((line) => !line.startsWith('Failed to load resource: the server responded with a status of'));
  assert.deepEqual(apps, [], 'the app logs nothing');
});

const staffPage = (role) => openStaffPage(browser, stack, role, consoleLines);

async function guidesOnServer() {
  const answer = await stack.call('Directory/ListGuides', { parent: `organizations/${stack.org}`, pageSize: 500 }, 'coordinator', 'users/koordinaattori');
  return answer.guides ?? [];
}

/** The downloaded file's text, after pressing the button named `name`. */
async function download(page, name) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
  return { name: file.suggestedFilename(), text: readFileSync(await file.path(), 'utf8') };
}

test('the coordinator adds a guide and edits one by keyboard alone; a stale edit is refused and writes nothing', async () => {
  const { context, page } = await staffPage('coordinator');
  await page.getByRole('heading', { level: 1, name: 'Kokemusohjaajat' }).waitFor();
  await page.getByRole('rowheader', { name: 'Olli Ohjaaja' }).waitFor();
  await checkStaffScreen(page, 'coordinator-guides');

  await tabTo(page, 'Lisää kokemusohjaaja');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Uusi kokemusohjaaja' }).waitFor();
  await checkStaffScreen(page, 'coordinator-guide-new');

  // Saved empty: each missing thing is said, nothing is written.
  await tabTo(page, 'Tallenna');
  await page.keyboard.press('Enter');
  const problems = page.getByRole('alert');
  await problems.getByText('Kirjoita nimi.').waitFor();
  await problems.getByText('Valitse vähintään yksi kokemusalue.').waitFor();
  assert.equal((await guidesOnServer()).length, 1);

  await tabTo(page, 'Nimi');
  await page.keyboard.type('Maija Mentori');
  await tabTo(page, 'Mielenterveys');
  await page.keyboard.press('Space');
  await tabTo(page, 'Velat');
  await page.keyboard.press('Space');
  await tabTo(page, 'Kunnat, joissa toimii');
  await page.keyboard.type('398, 111');
  await tabTo(page, 'Asiakkaita enintään yhtä aikaa');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('3');
  await tabTo(page, 'Koulutuksessa');
  await page.keyboard.press('ArrowDown');
  assert.ok(await page.getByRole('radio', { name: /^Ohjaa/ }).isChecked());
  await tabTo(page, 'Tallenna');
  await page.keyboard.press('Enter');
  await page.getByRole('status').getByText('Kokemusohjaaja Maija Mentori lisätty.').waitFor();
  await page.getByRole('rowheader', { name: 'Maija Mentori' }).waitFor();
  const maija = (await guidesOnServer()).find((guide) => guide.displayName === 'Maija Mentori');
  assert.deepEqual(
    { areas: maija.experienceAreas, municipalities: maija.municipalities, cap: maija.maxActiveClients, state: maija.state, languages: maija.languages },
    { areas: ['MENTAL_HEALTH', 'DEBT'], municipalities: ['398', '111'], cap: 3, state: 'ACTIVE', languages: ['fi'] },
  );

  // Someone else changes the guide while the form is open: the save is refused, said in plain
  // words, and nothing of it is written.
  await tabTo(page, 'Muokkaa Maija Mentori');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Muokkaa: Maija Mentori' }).waitFor();
  await checkStaffScreen(page, 'coordinator-guide-edit');
  await stack.call('Directory/UpdateGuide', { guide: { name: maija.name, maxActiveClients: 4 }, updateMask: 'max_active_clients' }, 'coordinator', 'users/koordinaattori');
  await tabTo(page, 'Ohjaa');
  await page.keyboard.press('ArrowDown');
  await tabTo(page, 'Tallenna');
  await page.keyboard.press('Enter');
  await page.getByRole('alert').getByText('Joku muu muutti tätä samaan aikaan.', { exact: false }).waitFor();
  let stored = (await guidesOnServer()).find((guide) => guide.name === maija.name);
  assert.equal(stored.state, 'ACTIVE');
  assert.equal(stored.maxActiveClients, 4);

  // Read again and saved: only the state changes.
  await tabTo(page, 'Peruuta');
  await page.keyboard.press('Enter');
  await page.getByRole('rowheader', { name: 'Maija Mentori' }).waitFor();
  await page.getByRole('row', { name: /Maija Mentori.*0 \/ 4/ }).waitFor();
  await tabTo(page, 'Muokkaa Maija Mentori');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Muokkaa: Maija Mentori' }).waitFor();
  await tabTo(page, 'Ohjaa');
  await page.keyboard.press('ArrowDown');
  await tabTo(page, 'Tallenna');
  await page.keyboard.press('Enter');
  await page.getByRole('status').getByText('Kokemusohjaajan Maija Mentori tiedot tallennettu.').waitFor();
  stored = (await guidesOnServer()).find((guide) => guide.name === maija.name);
  assert.deepEqual({ state: stored.state, cap: stored.maxActiveClients }, { state: 'ON_BREAK', cap: 4 });
  await context.close();
});

test('the caseload shows each guide’s places taken against the cap, on a break and near the cap', async () => {
  const { context, page } = await staffPage('coordinator');
  await menu(page, 'Asiakasmäärät');
  await page.getByRole('heading', { level: 1, name: 'Asiakasmäärät' }).waitFor();
  const olli = page.getByRole('row', { name: /Olli Ohjaaja/ });
  await olli.waitFor();
  // The seeded guide guides two clients of five places.
  assert.deepEqual(
    (await olli.getByRole('cell').allTextContents()).map((text) => text.trim()).filter(Boolean),
    ['Ohjaa', '2', '5', '3', 'Tilaa'],
  );
  await checkStaffScreen(page, 'coordinator-caseload');
  await page.getByLabel('Näytä').selectOption({ label: 'Tauolla olevat' });
  const rows = page.getByRole('table').getByRole('rowheader');
  await eventually(async () => (await rows.allTextContents()).join() === 'Maija Mentori', 'only the guide on a break');
  // A guide's name opens the guide's form.
  await page.getByRole('button', { name: 'Maija Mentori' }).click();
  await page.getByRole('heading', { level: 1, name: 'Muokkaa: Maija Mentori' }).waitFor();
  await context.close();
});

test('the pilot’s figures for a period: charts with tables beside them and a CSV export', async () => {
  const { context, page } = await staffPage('coordinator');
  await menu(page, 'Luvut');
  await page.getByRole('heading', { level: 1, name: 'Luvut' }).waitFor();
  const started = page.locator('.key-figures div').filter({ hasText: 'Alkaneet ohjaukset' }).locator('dd');
  await eventually(async () => (await started.textContent()) === '2', 'two guidances started');
  for (const title of ['Alkaneet ja päättyneet ohjaukset', 'Käynnit ja tunnit', 'Päättyneet tavoitteet']) {
    await page.getByRole('img', { name: title }).waitFor();
    await page.getByRole('table', { name: title }).waitFor();
  }
  // Nothing has ended yet: said in words, not drawn as an empty chart.
  await page.getByRole('region', { name: 'Päättyneet ohjaukset syyn mukaan' }).getByText('Ei tällä ajalla.').waitFor();
  await checkStaffScreen(page, 'coordinator-figures');

  const csv = await download(page, 'Lataa CSV-tiedostona');
  assert.match(csv.name, /^rinnalla-luvut-\d{4}-\d{2}-\d{2}--\d{4}-\d{2}-\d{2}\.csv$/);
  assert.ok(csv.text.startsWith('\uFEFFLuku,Kohta,Sarja,Arvo\r\n'), csv.text.slice(0, 60));
  assert.ok(csv.text.includes('Alkaneet ja päättyneet ohjaukset,Alkaneet ohjaukset,Määrä,2\r\n'), csv.text);

  // An end before the start is said, and the figures shown stay.
  await page.getByLabel('Alkaen').fill('2026-06-01');
  await page.getByLabel('Päättyen').fill('2026-05-01');
  await page.getByRole('button', { name: 'Näytä luvut' }).click();
  await page.getByRole('alert').getByText('loppu ei voi olla ennen alkua', { exact: false }).waitFor();
  await context.close();
});

test('the auditor reads one client’s access log: the guide’s reads and a refused attempt, filtered and exported', async () => {
  // The guide reads their clients on the phone; a stranger's token tries a client and is refused.
  const guideContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const guidePage = await guideContext.newPage();
  await signIn(guidePage, stack);
  await guideContext.close();
  const aino = stack.clients[0].name;
  const stranger = `organizations/${stack.org}/guides/00000000-0000-4000-8000-000000000001`;
  await assert.rejects(stack.call('Directory/GetClient', { name: aino }, 'guide', stranger));

  const { context, page } = await staffPage('auditor');
  await page.getByRole('heading', { level: 1, name: 'Käsittelyloki' }).waitFor();
  await page.getByRole('status').getByText('Ladataan', { exact: false }).waitFor({ state: 'detached' });
  await checkStaffScreen(page, 'auditor-access-log-empty');

  // The client found by name, by keyboard alone; a name that matches nobody is said.
  const finder = 'Etsi asiakas nimellä tai asiakastietojärjestelmän tunnuksella';
  await tabTo(page, finder);
  await page.keyboard.type('Nimetön Ihminen');
  await page.getByRole('status').getByText('Ei löytynyt asiakasta.').waitFor();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('aino');
  // The server finds her as the typing pauses; only the clients shown are logged as listed.
  await page.getByRole('button', { name: 'Aino Asiakas' }).waitFor();
  await tabTo(page, 'Aino Asiakas');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Asiakkaan tietojen käsittely' }).waitFor();
  await page.getByText('Asiakas: Aino Asiakas').waitFor();
  const table = page.getByRole('table');
  await table.waitFor();
  // People in plain words: the guide as a guide with the start of their id, not a resource name.
  const guideWords = `kokemusohjaaja ${stack.guide.split('/').pop().slice(0, 8)}`;
  const strangerWords = 'kokemusohjaaja 00000000';
  const whos = async () => (await table.getByRole('row').locator('td:nth-child(2)').allTextContents()).map((who) => who.trim());
  assert.ok((await whos()).includes(guideWords), `the guide’s reads are in the log: ${(await whos()).join(', ')}`);
  assert.ok((await whos()).every((who) => !who.includes('organizations/')), 'no resource names shown');
  await table.getByRole('row').filter({ hasText: strangerWords }).getByText('Estetty').waitFor();
  await page.getByText('Kokemusohjaajat näkyvät tunnisteensa alun mukaan', { exact: false }).waitFor();
  await checkStaffScreen(page, 'auditor-access-log');

  await page.getByRole('checkbox', { name: 'Vain estetyt yritykset' }).check();
  await eventually(async () => (await table.getByRole('row').count()) === 2, 'the header and the one refusal');
  const refusals = await download(page, /^Lataa CSV-tiedostona/);
  const lines = refusals.text.replace(/^\uFEFF/, '').trim().split('\r\n');
  assert.equal(lines.length, 2, refusals.text);
  assert.ok(lines[0].startsWith('Aika,Käsittelijä,Käsittelijän tunniste,Rooli,Organisaatio,Mitä,Kutsu,Tulos'), lines[0]);
  assert.ok(lines[1].includes(`${strangerWords},${stranger},kokemusohjaaja,${stack.org},Luki asiakkaan perustiedot,`), lines[1]);
  assert.ok(lines[1].includes(',Estetty,'), lines[1]);

  await page.getByRole('checkbox', { name: 'Vain estetyt yritykset' }).uncheck();
  await page.getByLabel('Käsittelijä').selectOption({ label: guideWords });
  await eventually(async () => {
    const shown = await whos();
    return shown.length > 0 && shown.every((who) => who === guideWords);
  }, 'only the guide’s entries');

  // Days in the app's language (d.m.yyyy in Finnish), with the format said; a wrong one is said
  // beside its field and filters nothing.
  await page.getByText('Muodossa pp.kk.vvvv, esim. 31.12.2026').first().waitFor();
  const from = page.getByLabel('Alkaen');
  await from.fill('31.2.2026');
  await from.blur();
  await page.getByText('Tämä ei ole päivämäärä. Kirjoita se muodossa pp.kk.vvvv.').waitFor();
  assert.equal(await from.getAttribute('aria-invalid'), 'true');
  assert.ok((await whos()).length > 0, 'a wrong day filters nothing');
  await from.fill('1.1.2000');
  await page.getByLabel('Päättyen').fill('2.1.2000');
  await page.getByText('Rajaukseen ei osu yhtään merkintää.').waitFor();
  assert.equal(await from.getAttribute('aria-invalid'), 'false');
  await checkStaffScreen(page, 'auditor-access-log-filtered');

  // A record-system id finds the client as well. Bertta's log has 150 entries of March 2020 by
  // hand: the server filters and pages them, and the CSV file has every one the filter keeps.
  const bertta = stack.clients[1].name;
  await stack.call('Directory/UpdateClient', { client: { name: bertta, externalRefs: [{ system: 'apotti', id: 'B-77' }] }, updateMask: 'external_refs' });
  await stack.sql(
    `INSERT INTO access_log (time, org_id, actor_org, actor, role, method, client_id, resource, outcome, request_id)
     SELECT timestamptz '2020-03-01 12:00+02' + n * interval '1 hour', '${stack.org}', '${stack.org}', 'users/vanha-kayttaja',
            'social_worker', '/rinnalla.v1.Notes/ListProgressNotes', '${bertta.split('/').pop()}', '${bertta}', 'OK', 'r' || n
     FROM generate_series(1, 150) n`,
  );
  await page.reload();
  await page.getByLabel(finder).fill('apotti/B-77');
  await page.getByRole('button', { name: 'Bertta Bergström' }).click();
  await page.getByText('Asiakas: Bertta Bergström · apotti/B-77').waitFor();
  await page.getByText('Näytetään uusimmat 100 rajaukseen osuvaa merkintää; vanhempia on lisää.').waitFor();
  await page.getByLabel('Alkaen').fill('1.3.2020');
  await page.getByLabel('Päättyen').fill('31.3.2020');
  await eventually(async () => (await whos()).length === 100 && (await whos()).every((who) => who === 'käyttäjä vanha-kayttaja'), 'the newest 100 of March 2020');
  await page.getByText('Näytetään uusimmat 100 rajaukseen osuvaa merkintää; vanhempia on lisää.').waitFor();
  await page.getByRole('button', { name: 'Näytä vanhempia merkintöjä' }).click();
  await page.getByText('Rajaukseen osuu 150 merkintää.').waitFor();
  assert.equal((await whos()).length, 150);
  await checkStaffScreen(page, 'auditor-access-log-paged');
  const march = await download(page, /^Lataa CSV-tiedostona/);
  const marchLines = march.text.replace(/^\uFEFF/, '').trim().split('\r\n');
  assert.equal(marchLines.length, 1 + 150, 'every entry the filter keeps, not the first page');
  assert.ok(marchLines[1].startsWith('2020-03-07T16:00:00.000Z,käyttäjä vanha-kayttaja,users/vanha-kayttaja,'), marchLines[1]);
  assert.ok(marchLines[150].startsWith('2020-03-01T11:00:00.000Z,'), marchLines[150]);
  // The actor chosen goes to the server too: the auditor's own readings are not of March 2020.
  await page.getByLabel('Käsittelijä').selectOption({ label: 'käyttäjä tarkastaja (tietosuojan valvoja)' });
  await page.getByText('Rajaukseen ei osu yhtään merkintää.').waitFor();
  await page.getByLabel('Alkaen').fill('');
  await page.getByLabel('Päättyen').fill('');
  await eventually(async () => (await whos()).length > 0 && (await whos()).every((who) => who === 'käyttäjä tarkastaja'), 'the auditor’s own readings');
  // Bertta's log has no refusal.
  await page.getByLabel('Käsittelijä').selectOption({ label: 'Kaikki käsittelijät' });
  await page.getByRole('checkbox', { name: 'Vain estetyt yritykset' }).check();
  await page.getByText('Rajaukseen ei osu yhtään merkintää.').waitFor();
  await context.close();
});

test('the coordinator removes a guide’s "I know this person" exclusion by keyboard alone, after confirming; kept, it stays', async () => {
  const parent = `organizations/${stack.org}`;
  const elina = await stack.call(
    'Directory/CreateGuide',
    { parent, guide: { displayName: 'Elina Esimerkki', experienceAreas: ['DEBT'], languages: ['fi'], municipalities: ['398'], maxActiveClients: 3, state: 'ACTIVE' } },
    'coordinator',
    'users/koordinaattori',
  );
  const cilla = await stack.call('Directory/CreateClient', { parent, client: { displayName: 'Cilla Carlsson', municipality: '398', languages: ['fi'] } });
  await stack.call('Matching/AddMatchExclusion', { parent: cilla.name, requestId: randomUUID(), matchExclusion: { guide: elina.name, reason: 'Entinen työkaveri' } });
  const onServer = async () => (await stack.call('Matching/ListMatchExclusions', { parent: cilla.name }, 'coordinator', 'users/koordinaattori')).matchExclusions ?? [];

  const { context, page } = await staffPage('coordinator');
  const focused = () => page.evaluate(() => (document.activeElement?.textContent ?? '').trim());
  await menu(page, 'Pois rajatut ohjaajat');
  await page.getByRole('heading', { level: 1, name: 'Pois rajatut ohjaajat' }).waitFor();
  await tabTo(page, 'Etsi asiakas nimellä tai asiakastietojärjestelmän tunnuksella');
  await page.keyboard.type('cilla');
  await page.getByRole('button', { name: 'Cilla Carlsson' }).waitFor();
  await tabTo(page, 'Cilla Carlsson');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 2, name: 'Asiakkaalle Cilla Carlsson pois rajatut ohjaajat' }).waitFor();
  await page.getByText('Elina Esimerkki: Entinen työkaveri').waitFor();
  await checkStaffScreen(page, 'coordinator-exclusions');

  // Asked first: the focus moves to the confirming button; kept, the focus returns and nothing
  // is removed.
  await tabTo(page, 'Poista rajaus Elina Esimerkki');
  await page.keyboard.press('Enter');
  await page.getByText('Poistetaanko rajaus? Elina Esimerkki voidaan sen jälkeen taas ehdottaa tälle asiakkaalle.').waitFor();
  await eventually(async () => (await focused()) === 'Kyllä, poista', 'the focus on the confirming button');
  await checkStaffScreen(page, 'coordinator-exclusion-confirm');
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'Älä poista');
  await page.keyboard.press('Enter');
  await eventually(async () => (await focused()) === 'Poista rajaus Elina Esimerkki', 'the focus back on the remove button');
  assert.equal((await onServer()).length, 1);

  // Confirmed: removed on the server, said, and the list is empty.
  await page.keyboard.press('Enter');
  await eventually(async () => (await focused()) === 'Kyllä, poista', 'the focus on the confirming button');
  await page.keyboard.press('Enter');
  await page.getByRole('status').getByText('Rajaus poistettu. Elina Esimerkki voidaan taas ehdottaa tälle asiakkaalle.').waitFor();
  await page.getByText('Ketään ei ole rajattu pois.').waitFor();
  assert.deepEqual(await onServer(), []);
  await checkStaffScreen(page, 'coordinator-exclusion-removed');
  await context.close();
});
