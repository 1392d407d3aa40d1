// The whole pilot through the browser, against the real server and PostgreSQL: the coordinator
// adds a guide; the social worker adds a client by hand, refers them, reads the explained
// suggestions, excludes the new guide ("I know this person") and assigns another, and records the
// INITIAL meeting with two goals and their GAS levels; the guide, on a phone in a second browser context, logs a visit and
// a rated note; the social worker sees both on the timeline and in the goal chart, holds a REVIEW
// and the CLOSING meeting that ends the guidance; the coordinator's figures count it; the guide
// opens the client again on the phone and is refused, the app saying that the guidance ended and
// the phone forgetting the client; the auditor's log of the client shows the guide's reads and
// that refusal. axe-core and a screenshot on every screen on the way.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { PHONE, cachedClientsInBrowser, eventually, logVisit, openClient, recordConsole, signIn, writeNote, useStack } from './harness.mjs';
import { checkScreen } from './screens.mjs';
import { checkStaffScreen, openMenu as menu, openStaffPage } from './staff.mjs';

let stack;
let browser;
const consoleLines = [];

useStack((started, launched) => {
  stack = started;
  browser = launched;
});

const staffPage = async (role) => (await openStaffPage(browser, stack, role, consoleLines)).page;

/** Schedules a meeting of `kind` from the client's meetings tab; resolves on its record form. */
async function scheduleFromMeetingsTab(page, kind, place) {
  await page.getByRole('tab', { name: 'Tapaamiset' }).click();
  await page.getByRole('button', { name: 'Sovi tapaaminen' }).click();
  await page.getByRole('heading', { level: 1, name: 'Sovi tapaaminen' }).waitFor();
  await page.getByRole('radio', { name: kind }).check();
  await page.getByLabel('Missä?').fill(place);
  await page.getByRole('button', { name: 'Sovi tapaaminen' }).click();
  await page.getByRole('heading', { name: 'Kirjaa tapaaminen' }).waitFor();
}

async function allPresent(page, guide) {
  await page.getByRole('checkbox', { name: 'Asiakas', exact: true }).check();
  await page.getByRole('checkbox', { name: 'Sosiaalityöntekijä (sinä)' }).check();
  await page.getByRole('checkbox', { name: `Kokemusohjaaja ${guide}` }).check();
}

async function openClientAsStaff(page, name) {
  await menu(page, 'Asiakkaat');
  await page.getByLabel('Etsi asiakas nimellä tai asiakastietojärjestelmän tunnuksella').fill(name);
  await page.getByRole('button', { name }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

test('the whole pilot: from a new guide to the figures and the access log', async () => {
  const parent = `organizations/${stack.org}`;
  // The coordinator adds a guide.
  const coordinator = await staffPage('coordinator');
  await coordinator.getByRole('button', { name: 'Lisää kokemusohjaaja' }).click();
  await coordinator.getByLabel('Nimi').fill('Paula Pilotti');
  await coordinator.getByRole('checkbox', { name: 'Mielenterveys' }).check();
  await coordinator.getByLabel('Kunnat, joissa toimii').fill('398');
  await coordinator.getByRole('radio', { name: /^Ohjaa/ }).check();
  await coordinator.getByRole('button', { name: 'Tallenna' }).click();
  await coordinator.getByRole('status').getByText('Kokemusohjaaja Paula Pilotti lisätty.').waitFor();
  const guides = (await stack.call('Directory/ListGuides', { parent, pageSize: 50 })).guides;
  const paula = guides.find((guide) => guide.displayName === 'Paula Pilotti');
  assert.equal(paula.state, 'ACTIVE');

  // The social worker adds the client by hand, as the record system has not sent them: a form
  // saved empty says what is missing, a record-system id that is another client's is refused in
  // plain words, and neither writes anything.
  const worker = await staffPage('social_worker');
  const clientsOnServer = async () => (await stack.call('Directory/ListClients', { parent, pageSize: 500 })).clients ?? [];
  const clientsBefore = (await clientsOnServer()).length;
  await menu(worker, 'Asiakkaat');
  await worker.getByRole('button', { name: 'Lisää asiakas' }).click();
  await worker.getByRole('heading', { level: 1, name: 'Uusi asiakas' }).waitFor();
  await checkStaffScreen(worker, 'pilot-new-client');
  await worker.getByRole('button', { name: 'Lisää asiakas' }).click();
  await worker.getByRole('alert').getByText('Kirjoita asiakkaan nimi.').waitFor();
  await worker.getByLabel('Nimi').fill('Pekka Pilotti');
  await worker.getByLabel('Tunnukset asiakastietojärjestelmissä (valinnainen)').fill('Apotti 2026');
  await worker.getByRole('button', { name: 'Lisää asiakas' }).click();
  await worker.getByRole('alert').getByText('Tunnus Apotti 2026 ei ole muotoa järjestelmä/tunnus.', { exact: false }).waitFor();
  assert.equal((await clientsOnServer()).length, clientsBefore, 'nothing written');
  await worker.getByLabel('Tunnukset asiakastietojärjestelmissä (valinnainen)').fill('apotti/P-2026');
  await worker.getByLabel('Kunta (kolminumeroinen koodi)').fill('398');
  await worker.getByRole('checkbox', { name: 'suomi' }).check();
  await worker.getByRole('button', { name: 'Lisää asiakas' }).click();
  await worker.getByRole('heading', { level: 1, name: 'Pekka Pilotti' }).waitFor();
  const pekka = (await clientsOnServer()).find((client) => client.displayName === 'Pekka Pilotti');
  assert.deepEqual(
    { municipality: pekka.municipality, languages: pekka.languages, refs: pekka.externalRefs },
    { municipality: '398', languages: ['fi'], refs: [{ system: 'apotti', id: 'P-2026' }] },
  );
  await menu(worker, 'Asiakkaat');
  await worker.getByRole('button', { name: 'Lisää asiakas' }).click();
  await worker.getByLabel('Nimi').fill('Pekka Toinen');
  await worker.getByLabel('Tunnukset asiakastietojärjestelmissä (valinnainen)').fill('apotti/P-2026');
  await worker.getByRole('button', { name: 'Lisää asiakas' }).click();
  await worker.getByRole('alert').getByText('on jo toisella asiakkaalla', { exact: false }).waitFor();
  assert.equal((await clientsOnServer()).length, clientsBefore + 1, 'the refused client is not written');

  // The social worker: a referral, the explained suggestions, an exclusion, assigning.
  await menu(worker, 'Lähetteet');
  await worker.getByRole('button', { name: 'Uusi lähete' }).click();
  await worker.getByLabel('Etsi asiakas').fill('apotti/P-2026');
  await worker.getByRole('radio', { name: /^Pekka Pilotti/ }).check();
  await worker.getByRole('checkbox', { name: 'Mielenterveys' }).check();
  await worker.getByRole('button', { name: 'Tee lähete' }).click();
  await worker.getByRole('heading', { name: 'Ehdotetut ohjaajat' }).waitFor();
  const paulaCard = worker.getByRole('listitem', { name: 'Paula Pilotti' });
  await paulaCard.getByText('Omakohtainen kokemus 1/1 asiakkaan tarpeesta: Mielenterveys').waitFor();
  await paulaCard.getByText('3 paikkaa vapaana', { exact: false }).waitFor().catch(() => paulaCard.getByText('paikkaa vapaana', { exact: false }).waitFor());
  await worker.getByRole('listitem', { name: 'Olli Ohjaaja' }).getByText('Toimii asiakkaan kunnassa (398)').waitFor();
  await checkStaffScreen(worker, 'pilot-suggestions');
  await worker.getByRole('button', { name: 'Asiakas tuntee: Paula Pilotti' }).click();
  await worker.getByLabel('Miksi Paula Pilotti rajataan pois?').fill('Entinen naapuri');
  await worker.getByRole('button', { name: 'Rajaa pois', exact: true }).click();
  await worker.getByText('Paula Pilotti rajattiin pois', { exact: false }).waitFor();
  await worker.getByRole('listitem', { name: 'Paula Pilotti' }).waitFor({ state: 'detached' });
  await worker.getByRole('button', { name: 'Valitse ohjaajaksi: Olli Ohjaaja' }).click();
  await worker.getByRole('dialog').getByRole('button', { name: 'Valitse' }).click();
  await worker.getByText('Olli Ohjaaja on nyt asiakkaan kokemusohjaaja', { exact: false }).waitFor();

  // The INITIAL meeting with two goals and their five GAS levels.
  await worker.getByRole('button', { name: 'Sovi aloitustapaaminen' }).click();
  await worker.getByLabel('Missä?').fill('Sosiaalitoimisto');
  await worker.getByRole('button', { name: 'Sovi tapaaminen' }).click();
  await worker.getByRole('heading', { name: /^Aloitustapaaminen, / }).waitFor();
  await allPresent(worker, 'Olli Ohjaaja');
  const goals = [
    ['Käyn vertaisryhmässä', ['En käy lainkaan', 'Käyn kerran', 'Käyn kahdesti kuussa', 'Käyn viikoittain', 'Ohjaan itse ryhmää']],
    ['Hoidan Kela-asiat', ['Ei hakemuksia', 'Yksi hakemus', 'Hakemukset vireillä', 'Päätökset saatu', 'Hoidan itse kaiken']],
  ];
  for (const [n, [title, levels]] of goals.entries()) {
    if (n > 0) await worker.getByRole('button', { name: 'Lisää tavoite' }).click();
    const goal = worker.getByRole('group', { name: `Tavoite ${n + 1}` });
    await goal.getByLabel('Tavoite asiakkaan omin sanoin').fill(title);
    await goal.getByLabel('Elämänalue').selectOption({ label: 'Mielenterveys' });
    // The guided order: 0, −1, +1, −2, +2, each field focused in turn.
    await goal.getByLabel('Tavoite asiakkaan omin sanoin').focus();
    await worker.keyboard.press('Tab');
    for (const index of [2, 1, 3, 0, 4]) {
      await worker.keyboard.press('Tab');
      await worker.keyboard.type(levels[index]);
    }
    await goal.getByText('Kaikki viisi tasoa on kuvattu.').waitFor();
  }
  await worker.getByRole('radio', { name: 'Kyllä' }).check();
  await worker.getByRole('button', { name: 'Tallenna tapaaminen' }).click();
  await worker.getByRole('heading', { name: 'Kirjaus', exact: true }).waitFor();
  await checkStaffScreen(worker, 'pilot-initial-held');
  const agreed = (await stack.call('Meetings/ListGoals', { parent: pekka.name })).goals;
  assert.deepEqual(agreed.map((g) => [g.title, g.state, g.gasLevels]).sort(), goals.map(([title, levels]) => [title, 'AGREED', levels]).sort());

  // The guide, on a phone: a visit and a rated note, synced.
  const phoneContext = await browser.newContext({ viewport: PHONE });
  const phone = await phoneContext.newPage();
  recordConsole(phone, consoleLines);
  await signIn(phone, stack);
  await phone.getByRole('button', { name: /^Pekka Pilotti/ }).waitFor();
  await openClient(phone, 'Pekka Pilotti');
  await logVisit(phone, { summary: 'Kävimme Kelassa yhdessä', accompanied: true });
  await phone.getByRole('button', { name: 'Asiakkaani' }).click();
  await openClient(phone, 'Pekka Pilotti');
  await writeNote(phone, { text: 'Hyvä alku, ryhmä kiinnostaa' });
  await eventually(async () => (await stack.visitsOf(pekka.name)).length === 1, 'the visit stored', 60_000);
  await eventually(async () => (await stack.notesOf(pekka.name)).some((note) => note.text === 'Hyvä alku, ryhmä kiinnostaa'), 'the note stored', 60_000);

  // The social worker sees both on the timeline and in the chart.
  await openClientAsStaff(worker, 'Pekka Pilotti');
  const timeline = worker.locator('.timeline li');
  await timeline.filter({ hasText: 'Käynti 45 min' }).waitFor();
  await timeline.filter({ hasText: 'Muistiinpano' }).waitFor();
  await checkStaffScreen(worker, 'pilot-timeline');
  await worker.getByRole('tab', { name: 'Tavoitteet' }).click();
  await worker.getByRole('button', { name: 'Tavoitteiden saavuttaminen kaavioina' }).click();
  await worker.getByRole('heading', { name: 'T-luku ajan mittaan' }).waitFor();
  const scores = worker.getByRole('table', { name: 'Arviot: Käyn vertaisryhmässä' });
  await scores.getByRole('row', { name: /Ohjaaja.*\+1/ }).waitFor();
  await scores.getByRole('row', { name: /Asiakas.*\+2/ }).waitFor();
  await checkStaffScreen(worker, 'pilot-attainment');

  // A REVIEW meeting, then the CLOSING meeting that ends the guidance.
  await openClientAsStaff(worker, 'Pekka Pilotti');
  await scheduleFromMeetingsTab(worker, 'Väliarviointi', 'Kirjasto');
  await allPresent(worker, 'Olli Ohjaaja');
  await worker.getByRole('button', { name: 'Tallenna tapaaminen' }).click();
  await worker.getByRole('heading', { name: 'Kirjaus', exact: true }).waitFor();
  await openClientAsStaff(worker, 'Pekka Pilotti');
  await scheduleFromMeetingsTab(worker, 'Päätöstapaaminen', 'Sosiaalitoimisto');
  await allPresent(worker, 'Olli Ohjaaja');
  await worker.getByRole('group', { name: 'Käyn vertaisryhmässä', exact: true }).getByRole('radio', { name: 'saavutettu', exact: true }).check();
  await worker.getByRole('group', { name: 'Hoidan Kela-asiat', exact: true }).getByRole('radio', { name: 'ei saavutettu' }).check();
  assert.ok(await worker.getByRole('checkbox', { name: 'Päätä ohjaus (tavoitteet saavutettu)' }).isChecked());
  await checkStaffScreen(worker, 'pilot-closing');
  await worker.getByRole('button', { name: 'Tallenna tapaaminen' }).click();
  await worker.getByRole('heading', { name: 'Kirjaus', exact: true }).waitFor();
  const [assignment] = (await stack.call('Matching/ListAssignments', { parent, filter: `client = "${pekka.name}"` })).assignments;
  assert.deepEqual([assignment.state, assignment.endReason], ['ENDED', 'GOALS_REACHED']);

  // The coordinator's figures count it.
  await menu(coordinator, 'Luvut');
  const key = (label) => coordinator.locator('.key-figures div').filter({ hasText: new RegExp(`^${label}`) }).locator('dd');
  await eventually(async () => (await key('Päättyneet ohjaukset').textContent()) === '1', 'one guidance ended');
  assert.equal(await key('Alkaneet ohjaukset').textContent(), '3');
  const reasons = coordinator.getByRole('table', { name: 'Päättyneet ohjaukset syyn mukaan' });
  await reasons.getByRole('row', { name: 'Tavoitteet saavutettu 1', exact: true }).waitFor();
  const closed = coordinator.getByRole('table', { name: 'Päättyneet tavoitteet' });
  await closed.getByRole('row', { name: 'Saavutettu 1', exact: true }).waitFor();
  await closed.getByRole('row', { name: 'Ei saavutettu 1', exact: true }).waitFor();
  assert.equal(await key('Saavutettujen tavoitteiden osuus').textContent(), '50 %');
  assert.notEqual(await key('T-luku päättyessä, keskiarvo').textContent(), 'ei vielä');
  // Each rater's view side by side: the guide rated the goals in the note.
  const tScores = coordinator.getByRole('table', { name: /^T-luku päättyessä/ });
  await tScores.getByRole('row', { name: /^Kokemusohjaajan arvio \d/ }).waitFor();
  await tScores.getByRole('row', { name: /^Sosiaalityöntekijän arvio/ }).waitFor();
  await coordinator.getByRole('table', { name: 'Saattaen tehdyt käynnit asiointipaikoittain ja pidetyt ajat' }).getByRole('row', { name: 'Kela 1 1', exact: true }).waitFor();
  // The guide's 45 minutes at Kela: 0.75 hours, rounded once to a tenth and shown alike in the
  // tile, in both charts' tables and in the CSV (there with a dot, to stay machine-readable).
  assert.equal(await key('Käyntitunteja').textContent(), '0,8');
  await coordinator.getByRole('table', { name: 'Käynnit ja tunnit', exact: true }).getByRole('row', { name: 'Kaikki käynnit 1 0,8', exact: true }).waitFor();
  await coordinator.getByRole('table', { name: 'Käynnit ja tunnit asiointipaikoittain' }).getByRole('row', { name: 'Kela 1 0,8', exact: true }).waitFor();
  const hoursDrawn = await coordinator.getByRole('img', { name: 'Käynnit ja tunnit', exact: true }).locator('text').allTextContents();
  assert.ok(hoursDrawn.includes('0,8') && !hoursDrawn.includes('1,0'), `the chart's labels: ${hoursDrawn.join(' | ')}`);
  const [file] = await Promise.all([coordinator.waitForEvent('download'), coordinator.getByRole('button', { name: 'Lataa CSV-tiedostona' }).click()]);
  const csv = readFileSync(await file.path(), 'utf8');
  for (const line of ['Tunnusluvut,Käyntitunteja,,0.8', 'Käynnit ja tunnit,Kaikki käynnit,Tunnit,0.8', 'Käynnit ja tunnit asiointipaikoittain,Kela,Tunnit,0.8']) {
    assert.ok(csv.includes(`${line}\r\n`), `${line} in the CSV:\n${csv}`);
  }
  await checkStaffScreen(coordinator, 'pilot-figures');

  // The guide, whose phone still shows the client from before the closing meeting, opens the
  // client again from the screen the phone was on: the server refuses, and the app says the
  // guidance has ended and access with it, shows nothing of the client and forgets its copy.
  assert.ok((await cachedClientsInBrowser(phone)).includes(pekka.name), 'the phone still has its copy of the client');
  await phone.reload();
  await phone.getByRole('heading', { level: 1, name: 'Ohjaus on päättynyt' }).waitFor();
  await phone.getByRole('status').getByText('Ohjauksesi tämän asiakkaan kanssa on päättynyt, ja samalla päättyi oikeutesi nähdä hänen tietojaan.', { exact: false }).waitFor();
  for (const shown of ['Pekka Pilotti', 'Käyn vertaisryhmässä', 'Kävimme Kelassa yhdessä', 'Hyvä alku, ryhmä kiinnostaa']) {
    assert.equal(await phone.getByText(shown, { exact: false }).count(), 0, `${shown} is not shown`);
  }
  await eventually(async () => !(await cachedClientsInBrowser(phone)).includes(pekka.name), 'the phone forgot the client');
  await checkScreen(phone, 'pilot-guidance-ended');
  await phone.getByRole('button', { name: 'Asiakkaani' }).first().click();
  await phone.getByRole('button', { name: /^Aino Asiakas/ }).waitFor();
  assert.equal(await phone.getByRole('button', { name: /^Pekka Pilotti/ }).count(), 0, 'My clients no longer lists the client');

  // The auditor's log of the client.
  // The auditor finds the client by the record system's id, as the client would give it.
  const auditor = await staffPage('auditor');
  await auditor.getByLabel('Etsi asiakas nimellä tai asiakastietojärjestelmän tunnuksella').fill('apotti/P-2026');
  await auditor.getByRole('button', { name: 'Pekka Pilotti' }).click();
  const log = auditor.getByRole('table');
  await log.waitFor();
  const olliWords = `kokemusohjaaja ${stack.guide.split('/').pop().slice(0, 8)}`;
  const guideReads = log.getByRole('row').filter({ hasText: olliWords }).filter({ hasText: 'Tehty' });
  assert.ok((await guideReads.count()) >= 2, 'the guide’s reads and writes are in the log');
  await log.getByRole('row').filter({ hasText: olliWords }).filter({ hasText: 'Luki tavoitteita' }).first().waitFor();
  // The refusal the guide met, under the guide's own short id.
  await log.getByRole('row').filter({ hasText: olliWords }).filter({ hasText: 'Luki asiakkaan perustiedot' }).filter({ hasText: 'Estetty' }).waitFor();
  await checkStaffScreen(auditor, 'pilot-access-log');
  await phoneContext.close();
  assert.deepEqual(consoleLines.filter((line) => !/Failed to load resource/.test(line)), [], 'the app logs nothing');
});
