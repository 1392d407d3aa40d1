// The social worker's part in Debian's Chromium against the real server and PostgreSQL: the
// referral → suggestion → exclusion → assign → INITIAL meeting flow by keyboard alone, a refusal
// in plain words with nothing written, the client's tabs and goal attainment, and the timeline of
// a client with 2,000 entries (its first page's time, printed as a FIGURE).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { eventually, fillMoment, useStack } from './harness.mjs';
import { tabTo } from './screens.mjs';
import { checkStaffScreen, openStaffPage } from './staff.mjs';

let stack;
let browser;
const consoleLines = [];
const parent = () => `organizations/${stack.org}`;

async function createGuide(displayName, maxActiveClients) {
  return stack.call(
    'Directory/CreateGuide',
    { parent: parent(), guide: { displayName, experienceAreas: ['MENTAL_HEALTH'], languages: ['fi'], municipalities: ['398'], maxActiveClients, state: 'ACTIVE' } },
    'coordinator',
    'users/koordinaattori',
  );
}

async function createClient(displayName, externalRefs = []) {
  return stack.call('Directory/CreateClient', { parent: parent(), client: { displayName, municipality: '398', languages: ['fi'], externalRefs } });
}

async function referralFor(client) {
  return stack.call('Matching/CreateReferral', { parent: parent(), referral: { client: client.name, needs: ['MENTAL_HEALTH'], languages: ['fi'], municipality: '398' } });
}

useStack(async (started, launched) => {
  stack = started;
  browser = launched;
  stack.greta = await createGuide('Greta Grönlund', 3);
  stack.heikki = await createGuide('Heikki Hämäläinen', 1);
  stack.cecilia = await createClient('Cecilia Cederström', [{ system: 'apotti', id: '12345' }]);
});

const staffPage = () => openStaffPage(browser, stack, 'social_worker', consoleLines);

/** Waits until the element with this id has the focus (it takes it as it appears). */
const focusOn = (page, id) => eventually(() => page.evaluate((wanted) => document.activeElement?.id === wanted, id), `the focus on #${id}`);

const assignmentsOf = async (client) => (await stack.call('Matching/ListAssignments', { parent: parent(), filter: `client = "${client}"` })).assignments ?? [];

test('by keyboard alone: a referral, its explained suggestions, an exclusion, assigning and the INITIAL meeting', async () => {
  const { context, page } = await staffPage();
  await page.getByRole('heading', { name: 'Lähetteet', level: 1 }).waitFor();
  await checkStaffScreen(page, 'referrals');

  await tabTo(page, 'Uusi lähete');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Uusi lähete' }).waitFor();
  await tabTo(page, 'Etsi asiakas');
  await page.keyboard.type('apotti/12345');
  // The server finds her by the record system's id once the typing pauses.
  await page.getByRole('radio', { name: /^Cecilia Cederström/ }).waitFor();
  await tabTo(page, 'Cecilia Cederström');
  await page.keyboard.press('Space');
  await tabTo(page, 'Mielenterveys');
  await page.keyboard.press('Space');
  assert.equal(await page.getByLabel('Kunta (kolminumeroinen koodi)').inputValue(), '398', 'the client municipality is filled in');
  assert.ok(await page.getByRole('checkbox', { name: 'suomi' }).isChecked(), 'the client language is filled in');
  await checkStaffScreen(page, 'new-referral');
  await tabTo(page, 'Tee lähete');
  await page.keyboard.press('Enter');

  await page.getByRole('heading', { name: 'Ehdotetut ohjaajat' }).waitFor();
  const greta = page.getByRole('listitem', { name: 'Greta Grönlund' });
  await greta.waitFor();
  // Each criterion in Finnish, from the facts the server sent.
  await greta.getByText('Omakohtainen kokemus 1/1 asiakkaan tarpeesta: Mielenterveys').waitFor();
  await greta.getByText('Toimii asiakkaan kunnassa (398)').waitFor();
  await greta.getByText('3 paikkaa vapaana, 0/3 käytössä').waitFor();
  await greta.getByText('Ei ole ohjannut tätä asiakasta aiemmin').waitFor();
  await checkStaffScreen(page, 'suggestions');

  await tabTo(page, 'Asiakas tuntee: Heikki Hämäläinen');
  await page.keyboard.press('Enter');
  await tabTo(page, 'Miksi Heikki Hämäläinen rajataan pois?');
  await page.keyboard.type('Naapuri');
  await tabTo(page, 'Rajaa pois');
  await page.keyboard.press('Enter');
  await page.getByText('Heikki Hämäläinen rajattiin pois').waitFor().catch(async (error) => {
    throw new Error(`${error.message}\n${await page.locator('main').innerText()}`);
  });
  await page.getByRole('listitem', { name: 'Heikki Hämäläinen' }).waitFor({ state: 'detached' });
  await page.getByText('Heikki Hämäläinen: Naapuri').waitFor();
  const exclusions = await stack.call('Matching/ListMatchExclusions', { parent: stack.cecilia.name });
  assert.deepEqual(exclusions.matchExclusions.map((e) => [e.guide, e.reason]), [[stack.heikki.name, 'Naapuri']]);

  await tabTo(page, 'Valitse ohjaajaksi: Greta Grönlund');
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  await dialog.getByText('Valitaanko Greta Grönlund asiakkaan Cecilia Cederström kokemusohjaajaksi?').waitFor();
  assert.deepEqual(await assignmentsOf(stack.cecilia.name), [], 'nothing is assigned before the confirmation');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.getByText('Greta Grönlund on nyt asiakkaan kokemusohjaaja').waitFor();
  const [assignment] = await assignmentsOf(stack.cecilia.name);
  assert.equal(assignment.guide, stack.greta.name);
  assert.equal(assignment.state, 'ACTIVE');

  await tabTo(page, 'Sovi aloitustapaaminen');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Sovi tapaaminen' }).waitFor();
  await tabTo(page, 'Missä?');
  await page.keyboard.type('Sosiaalitoimisto');
  await checkStaffScreen(page, 'schedule-meeting');
  await tabTo(page, 'Sovi tapaaminen');
  await page.keyboard.press('Enter');

  await page.getByRole('heading', { name: /^Aloitustapaaminen, / }).waitFor();
  await page.getByText('kaikki kolme ovat läsnä').waitFor();
  await tabTo(page, 'Asiakas');
  await page.keyboard.press('Space');
  await tabTo(page, 'Sosiaalityöntekijä (sinä)');
  await page.keyboard.press('Space');
  // The guide is not yet ticked: the record is refused here, and nothing is written.
  await tabTo(page, 'Tallenna tapaaminen');
  await page.keyboard.press('Enter');
  await page.getByRole('alert').getByText('Tässä tapaamisessa on oltava läsnä asiakas, sosiaalityöntekijä ja kokemusohjaaja.').waitFor();
  const [booked] = (await stack.call('Meetings/ListMeetings', { parent: stack.cecilia.name })).meetings;
  assert.equal(booked.state, 'SCHEDULED');

  await tabTo(page, 'Kokemusohjaaja Greta Grönlund');
  await page.keyboard.press('Space');
  await tabTo(page, 'Lisää tuen tarve');
  await page.keyboard.press('Enter');
  await focusOn(page, 'need-0-area'); // the need added takes the focus, on its area
  await page.keyboard.type('Mielenterveys');
  await tabTo(page, 'Mitä asiakas kertoi?');
  await page.keyboard.type('Yksinäisyys painaa');
  const goals = [
    ['Käyn vertaisryhmässä', ['En käy lainkaan', 'Käyn kerran', 'Käyn kahdesti kuussa', 'Käyn viikoittain', 'Ohjaan itse ryhmää']],
    ['Nukun yöni', ['En nuku', 'Nukun huonosti', 'Nukun useimmat yöt', 'Nukun hyvin', 'Herään virkeänä']],
  ];
  for (const [n, [title, levels]] of goals.entries()) {
    if (n > 0) {
      await tabTo(page, 'Lisää tavoite');
      await page.keyboard.press('Enter');
      await focusOn(page, `goal-${n + 1}-title`); // a goal added takes the focus
    }
    const goal = page.getByRole('group', { name: `Tavoite ${n + 1}` });
    if (n === 0) await tabTo(page, 'Tavoite asiakkaan omin sanoin'); // a goal added has the focus
    await page.keyboard.type(title);
    await page.keyboard.press('Tab');
    await page.keyboard.type('Mielenterveys'); // a closed select picks by typing
    await goal.getByText('Seuraavaksi: taso 0 Odotetusti').waitFor();
    // The levels come in the guided order: 0, −1, +1, −2, +2.
    for (const index of [2, 1, 3, 0, 4]) {
      await page.keyboard.press('Tab');
      await page.keyboard.type(levels[index]);
    }
    await goal.getByText('Kaikki viisi tasoa on kuvattu.').waitFor();
  }
  // A radio group is one Tab stop; its arrows move the choice.
  await tabTo(page, 'Ei käsitelty tässä tapaamisessa');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  assert.ok(await page.getByRole('radio', { name: 'Kyllä' }).isChecked());
  await checkStaffScreen(page, 'record-meeting');
  await tabTo(page, 'Tallenna tapaaminen');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Kirjaus', exact: true }).waitFor();

  const meeting = await stack.call('Meetings/GetMeeting', { name: booked.name });
  assert.equal(meeting.state, 'HELD');
  assert.deepEqual(meeting.outcome.participants.map((p) => [p.role, p.present]), [['CLIENT', true], ['SOCIAL_WORKER', true], ['GUIDE', true]]);
  const agreed = (await stack.call('Meetings/ListGoals', { parent: stack.cecilia.name })).goals;
  assert.deepEqual(agreed.map((g) => [g.title, g.state, g.gasLevels]).sort(), goals.map(([title, levels]) => [title, 'AGREED', levels]).sort());
  const consents = (await stack.call('Meetings/ListInformationSharingConsents', { parent: stack.cecilia.name })).consents;
  assert.equal(consents[0].granted, true);
  assert.deepEqual(meeting.outcome.supportNeeds, [{ area: 'MENTAL_HEALTH', description: 'Yksinäisyys painaa' }]);
  await page.getByText('+2 Paljon odotettua paremmin: Ohjaan itse ryhmää').waitFor();
  await checkStaffScreen(page, 'meeting-held');

  // Amend with a reason: a second revision, both shown, the second with what it changed.
  await tabTo(page, 'Yhteenveto (valinnainen)');
  await page.keyboard.type('Sovimme kaksi tavoitetta.');
  await tabTo(page, 'Miksi kirjausta muutetaan?');
  await page.keyboard.type('Yhteenveto puuttui');
  await tabTo(page, 'Tallenna muutos');
  await page.keyboard.press('Enter');
  await focusOn(page, 'amend-saved'); // the notice that it was saved takes the focus
  const second = page.locator('.revisions > li').nth(1);
  await second.getByText('Muutoksen syy: Yhteenveto puuttui').waitFor();
  await second.locator('.changes').getByText('Yhteenveto kirjoitettu uudelleen').waitFor();
  const revisions = await stack.call('Meetings/ListMeetingOutcomeRevisions', { name: booked.name });
  assert.deepEqual(revisions.outcomes.map((o) => o.summary ?? ''), ['', 'Sovimme kaksi tavoitetta.']);
  await context.close();
});

/** The meeting of `kind` ("Aloitustapaaminen", "Väliarviointi") opened from the client's meetings tab. */
async function openMeeting(page, client, kind) {
  await page.getByRole('button', { name: 'Asiakkaat' }).click();
  await page.getByLabel('Etsi asiakas nimellä tai asiakastietojärjestelmän tunnuksella').fill(client);
  await page.getByRole('button', { name: client }).click();
  await page.getByRole('tab', { name: 'Tapaamiset' }).click();
  await page.getByRole('button', { name: new RegExp(`^Avaa: ${kind} `) }).click();
  await page.getByRole('heading', { name: 'Muuta kirjausta' }).waitFor();
}

test('amending a whole meeting record: the time, who was present and the support needs; refused amendments write nothing', async () => {
  const bertta = stack.clients[1];
  const meetingsOf = async () => (await stack.call('Meetings/ListMeetings', { parent: bertta.name })).meetings;
  const review = (await meetingsOf()).find((meeting) => meeting.kind === 'REVIEW');
  const initial = (await meetingsOf()).find((meeting) => meeting.kind === 'INITIAL');
  const revisionsOf = async (meeting) => (await stack.call('Meetings/ListMeetingOutcomeRevisions', { name: meeting.name })).outcomes;
  // The review was held an hour ago with all three; the record says so.
  const heldFirst = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 3_600_000);
  await stack.call('Meetings/RecordMeetingOutcome', {
    name: review.name,
    heldTime: heldFirst.toISOString(),
    participants: [
      { role: 'CLIENT', present: true },
      { role: 'SOCIAL_WORKER', identity: 'users/sosiaalityontekija', present: true },
      { role: 'GUIDE', identity: stack.guide, present: true },
    ],
    supportNeeds: [{ area: 'DEBT', description: 'Velat' }],
  });
  const { context, page } = await staffPage();

  // The review: held half an hour earlier, the guide was not there after all, a need reworded
  // and one added.
  await openMeeting(page, bertta.displayName, 'Väliarviointi');
  const form = page.getByRole('form', { name: 'Muuta kirjausta' });
  // Prefilled with the record as it stands; a review needs no three parties, so no such hint.
  for (const party of ['Asiakas', 'Sosiaalityöntekijä (sinä)', 'Kokemusohjaaja Olli Ohjaaja']) {
    assert.ok(await form.getByRole('checkbox', { name: party, exact: true }).isChecked(), `${party} prefilled as present`);
  }
  await form.getByText('kaikki kolme ovat läsnä').waitFor({ state: 'detached' });
  assert.equal(await form.getByLabel('Mitä asiakas kertoi?').inputValue(), 'Velat');
  const heldNow = new Date(heldFirst.getTime() - 30 * 60_000);
  await fillMoment(form, 'Milloin tapaaminen pidettiin?', heldNow);
  await form.getByRole('checkbox', { name: 'Kokemusohjaaja Olli Ohjaaja' }).uncheck();
  await form.getByLabel('Mitä asiakas kertoi?').fill('Velat ja vuokrarästit');
  await form.getByRole('button', { name: 'Lisää tuen tarve' }).click();
  await form.locator('#amend-need-1-area').selectOption({ label: 'Asunnottomuus' });
  await form.locator('#amend-need-1-text').fill('Asunto menee alta');
  // No reason: said, and nothing written.
  await form.getByRole('button', { name: 'Tallenna muutos' }).click();
  await page.getByRole('alert').getByText('Kirjoita muutoksen syy.').waitFor();
  assert.equal((await revisionsOf(review)).length, 1, 'nothing written without a reason');
  await form.getByLabel('Miksi kirjausta muutetaan?').fill('Ohjaaja oli estynyt');
  await checkStaffScreen(page, 'meeting-amend');
  await form.getByRole('button', { name: 'Tallenna muutos' }).click();
  await page.getByRole('status').getByText('Muutos on tallennettu uutena versiona.').waitFor();

  const [, amended] = await revisionsOf(review);
  assert.equal(new Date(amended.heldTime).getTime(), heldNow.getTime());
  assert.deepEqual(amended.participants.map((p) => [p.role, p.identity ?? '', p.present ?? false]), [
    ['CLIENT', '', true],
    ['SOCIAL_WORKER', 'users/sosiaalityontekija', true],
    ['GUIDE', stack.guide, false],
  ]);
  assert.deepEqual(amended.supportNeeds, [
    { area: 'DEBT', description: 'Velat ja vuokrarästit' },
    { area: 'HOMELESSNESS', description: 'Asunto menee alta' },
  ]);
  assert.equal(amended.amendReason, 'Ohjaaja oli estynyt');
  // The revision list: the second says what changed, and who was present in each.
  // (The list is read again once the meeting's new etag has come back.)
  const revisions = page.locator('.revisions > li');
  await eventually(async () => (await revisions.count()) === 2, 'the second revision listed');
  const changes = await revisions.nth(1).locator('.changes li').allTextContents();
  const fi = (date) => `${date.getDate()}.${date.getMonth() + 1}.${date.getFullYear()} klo ${date.getHours()}.${String(date.getMinutes()).padStart(2, '0')}`;
  assert.deepEqual(changes, [
    `Pidetty: ${fi(heldFirst)} → ${fi(heldNow)}`,
    'Kokemusohjaaja Olli Ohjaaja: merkitty poissa olleeksi',
    'Tuen tarve poistettu: Velat: Velat',
    'Tuen tarve lisätty: Velat: Velat ja vuokrarästit',
    'Tuen tarve lisätty: Asunnottomuus: Asunto menee alta',
  ]);
  await revisions.nth(0).getByText('Läsnä: Asiakas, Sosiaalityöntekijä ja Kokemusohjaaja Olli Ohjaaja').waitFor();
  await revisions.nth(1).getByText('Läsnä: Asiakas ja Sosiaalityöntekijä').waitFor();
  // The form starts again from the record as stored.
  assert.equal(await form.getByRole('checkbox', { name: 'Kokemusohjaaja Olli Ohjaaja' }).isChecked(), false);
  await eventually(async () => (await form.getByLabel('Miksi kirjausta muutetaan?').inputValue()) === '', 'the reason field empty again');
  await checkStaffScreen(page, 'meeting-revisions');

  // The initial meeting cannot lose a party: the checklist says why, and nothing is written
  // (by keyboard alone).
  await openMeeting(page, bertta.displayName, 'Aloitustapaaminen');
  await form.getByText('kaikki kolme ovat läsnä').waitFor();
  await tabTo(page, 'Kokemusohjaaja Olli Ohjaaja');
  await page.keyboard.press('Space');
  assert.equal(await form.getByRole('checkbox', { name: 'Kokemusohjaaja Olli Ohjaaja' }).isChecked(), false);
  await tabTo(page, 'Miksi kirjausta muutetaan?');
  await page.keyboard.type('Ohjaaja ei ollut paikalla');
  await tabTo(page, 'Tallenna muutos');
  await page.keyboard.press('Enter');
  await page.getByRole('alert').getByText('Tässä tapaamisessa on oltava läsnä asiakas, sosiaalityöntekijä ja kokemusohjaaja.').waitFor();
  assert.equal((await revisionsOf(initial)).length, 1, 'the initial meeting keeps its one revision');

  // Someone amends the record meanwhile: the server refuses the stale amendment, said in plain
  // words from its reason, and only the other amendment is written.
  await form.getByRole('checkbox', { name: 'Kokemusohjaaja Olli Ohjaaja' }).check();
  await form.getByLabel('Mitä asiakas kertoi?').fill('Haluan päästä pois kotoa useammin');
  const stored = await stack.call('Meetings/GetMeeting', { name: initial.name });
  await stack.call('Meetings/AmendMeetingOutcome', {
    name: initial.name,
    etag: stored.etag,
    reason: 'Toisen työntekijän korjaus',
    outcome: { ...stored.outcome, summary: 'Korjattu toisaalla' },
  });
  await form.getByRole('button', { name: 'Tallenna muutos' }).click();
  await page
    .getByRole('alert')
    .getByText('Muutosta ei tallennettu: Joku muu muutti tätä samaan aikaan. Lataa tiedot uudelleen ja yritä sitten.')
    .waitFor();
  assert.deepEqual((await revisionsOf(initial)).map((o) => o.amendReason ?? ''), ['', 'Toisen työntekijän korjaus']);
  await context.close();
});

test('a refusal in plain words, and nothing written: the guide filled up meanwhile (GUIDE_AT_CAPACITY); the full guide excluded all the same', async () => {
  const daniel = await createClient('Daniel Dahl');
  const referral = await referralFor(daniel);
  const { context, page } = await staffPage();
  await page.getByRole('button', { name: 'Ehdotukset: Daniel Dahl' }).click();
  await page.getByRole('listitem', { name: 'Heikki Hämäläinen' }).waitFor();

  // Meanwhile another social worker gives Heikki his only place.
  const eero = await createClient('Eero Eskola');
  await stack.call('Matching/AssignGuide', { referral: (await referralFor(eero)).name, guide: stack.heikki.name, requestId: randomUUID() });

  await page.getByRole('button', { name: 'Valitse ohjaajaksi: Heikki Hämäläinen' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Valitse' }).click();
  await page.getByRole('alert').getByText('Ohjaajalla ei ole tilaa: 1/1 paikkaa on käytössä. Valitse toinen ohjaaja.').waitFor();
  assert.deepEqual(await assignmentsOf(daniel.name), []);
  assert.equal((await stack.call('Matching/GetReferral', { name: referral.name })).state, 'OPEN');
  // The suggestions are read again: Heikki, now full, is no longer offered.
  await page.getByRole('listitem', { name: 'Heikki Hämäläinen' }).waitFor({ state: 'detached' });

  // Daniel knows him all the same: any guide of the organization can be excluded, full or not.
  const exclusionsOf = async () =>
    ((await stack.call('Matching/ListMatchExclusions', { parent: daniel.name })).matchExclusions ?? []).map((e) => [e.guide, e.reason]);
  await page.getByRole('button', { name: 'Rajaa pois joku muu ohjaaja' }).click();
  const guideField = page.getByLabel('Ohjaaja, jonka asiakas tuntee');
  await guideField.waitFor();
  await page.getByRole('button', { name: 'Rajaa pois', exact: true }).click();
  await page.getByRole('alert').getByText('Valitse ohjaaja, joka rajataan pois.').waitFor();
  assert.deepEqual(await exclusionsOf(), [], 'nothing is written without a guide');
  await guideField.selectOption({ label: 'Heikki Hämäläinen' });
  await page.getByLabel('Miksi hänet rajataan pois? (valinnainen)').fill('Entinen työkaveri');
  await checkStaffScreen(page, 'exclusion-any-guide');
  await page.getByRole('button', { name: 'Rajaa pois', exact: true }).click();
  await page.getByText('Heikki Hämäläinen rajattiin pois').waitFor();
  await page.getByText('Heikki Hämäläinen: Entinen työkaveri').waitFor();
  assert.deepEqual(await exclusionsOf(), [[stack.heikki.name, 'Entinen työkaveri']]);

  // Removing an exclusion is the coordinator's: a social worker is not offered it.
  assert.equal(await page.getByRole('button', { name: /^Poista/ }).count(), 0);
  await context.close();
});

/** Logs `count` visits for the client by the guide, through SyncVisits in batches of 500. */
async function logVisits(client, assignment, count) {
  const now = Date.now();
  for (let first = 0; first < count; first += 500) {
    const batch = [];
    for (let i = first; i < Math.min(count, first + 500); i++) {
      batch.push({
        parent: client,
        visitId: randomUUID(),
        requestId: randomUUID(),
        visit: {
          assignment,
          startTime: new Date(now - 60_000 - i * 500).toISOString(),
          durationMinutes: 30,
          mode: 'IN_PERSON',
          places: ['PUBLIC_PLACE'],
          summary: `Käynti ${i + 1}`,
        },
      });
    }
    const answer = await stack.callStream('Visits/SyncVisits', batch, 'guide', stack.guide);
    const stored = (answer.results ?? []).filter((result) => result.visit).length;
    assert.equal(stored, batch.length, JSON.stringify((answer.results ?? []).find((result) => result.error)));
  }
}

test('a client with 2,000 timeline entries: the first page timed (target 1 s), the rest loaded as it scrolls', async () => {
  const [aino] = stack.clients;
  // Ratings over time for the attainment charts: the guide's with the client's own, then the
  // social worker's.
  const goals = (await stack.call('Meetings/ListGoals', { parent: aino.name })).goals;
  const rate = (scores, rater) => goals.map((goal, i) => ({ goal: goal.name, score: scores[i], ratedBy: rater }));
  await stack.call(
    'Notes/AddProgressNote',
    { parent: aino.name, requestId: randomUUID(), note: { assignment: aino.assignment, text: 'Alku', goalRatings: [...rate([-1, -2], 'GUIDE'), ...rate([-1, -1], 'CLIENT')] } },
    'guide',
    stack.guide,
  );
  await stack.call('Notes/AddProgressNote', {
    parent: aino.name,
    requestId: randomUUID(),
    note: { assignment: aino.assignment, text: 'Edistystä', visibility: 'STAFF_ONLY', goalRatings: rate([0, 1], 'SOCIAL_WORKER') },
  });
  await stack.call(
    'Notes/AddProgressNote',
    { parent: aino.name, requestId: randomUUID(), note: { assignment: aino.assignment, text: 'Hyvin menee', goalRatings: [...rate([1, 0], 'GUIDE'), ...rate([2, 0], 'CLIENT')] } },
    'guide',
    stack.guide,
  );
  await logVisits(aino.name, aino.assignment, 2000 - (await countTimeline(aino.name)));
  assert.equal(await countTimeline(aino.name), 2000);
  // The first visit listed: amended by the guide, with a correction note by the social worker.
  const [firstVisit] = (await stack.call('Visits/ListVisits', { parent: aino.name, pageSize: 1 })).visits;
  await stack.call(
    'Visits/AmendVisit',
    { visit: { name: firstVisit.name, summary: 'Käynti korjattu' }, updateMask: 'summary', reason: 'Väärä teksti' },
    'guide',
    stack.guide,
  );
  await stack.call('Visits/AddVisitCorrectionNote', { parent: firstVisit.name, requestId: randomUUID(), correctionNote: { text: 'Kesto oli 45 min' } });
  const { context, page } = await staffPage();
  await page.getByRole('button', { name: 'Asiakkaat' }).click();
  await page.getByLabel('Etsi asiakas nimellä tai asiakastietojärjestelmän tunnuksella').fill('Aino');
  const open = page.getByRole('button', { name: 'Aino Asiakas' });
  await open.waitFor();
  const start = await page.evaluate(() => performance.now());
  await open.click();
  await page.locator('.timeline li').first().waitFor();
  const firstPage = await page.evaluate(
    (t0) => performance.getEntriesByName('rinnalla-timeline-first-page')[0].startTime - t0,
    start,
  );
  const entries = await stack.call('Notes/GetClientTimeline', { client: aino.name, pageSize: 500 });
  console.log(`# FIGURE timeline of 2,000 entries: first page (50) drawn ${firstPage.toFixed(0)} ms after the client was opened`);
  assert.ok(entries.entries.length > 0);
  assert.equal(await page.locator('.timeline li').count(), 50);
  // The page opened afresh on the client (a reload keeps the screen in the history's state):
  // from the navigation's start to the first page drawn, the app's start included.
  // Three times, on this shared machine: the median counts.
  const opens = [];
  for (let i = 0; i < 3; i++) {
    await page.reload();
    await page.locator('.timeline li').first().waitFor();
    opens.push(await page.evaluate(() => performance.getEntriesByName('rinnalla-timeline-first-page')[0].startTime));
  }
  const median = [...opens].sort((a, b) => a - b)[1];
  console.log(
    `# FIGURE timeline of 2,000 entries: first page (50) drawn ${opens.map((ms) => ms.toFixed(0)).join(', ')} ms after the page's navigation started (reload on the client; median ${median.toFixed(0)} ms; target < 1000 ms)`,
  );
  // The target is the figure's (as the guides' figures, it moves with the shared machine's load);
  // this bound fails when paging breaks, e.g. the whole timeline read before the first page.
  assert.ok(median < 5000, `first page ${median} ms after the page opened`);
  await checkStaffScreen(page, 'client-timeline');
  // Scrolling to the end loads the next keyset page.
  await page.getByRole('button', { name: 'Näytä vanhempia' }).scrollIntoViewIfNeeded();
  await eventually(async () => (await page.locator('.timeline li').count()) >= 100, 'the second page');
  const shown = await page.locator('.timeline li .what').allTextContents();
  assert.equal(new Set(await page.locator('.timeline li').evaluateAll((items) => items.map((li) => li.textContent))).size, shown.length, 'no entry twice');
  assert.ok(shown.includes('Käynti 30 min, kasvokkain: Kahvila, kirjasto tai muu julkinen paikka'), 'visits worded in Finnish from their parts');

  for (const tab of ['Tavoitteet', 'Tapaamiset', 'Käynnit', 'Muistiinpanot']) {
    await page.getByRole('tab', { name: tab }).click();
    await page.getByRole('tab', { name: tab, selected: true }).waitFor();
    await page.getByRole('tabpanel').locator(':scope > *').first().waitFor();
    await page.getByRole('tabpanel').getByText('Ladataan…').waitFor({ state: 'detached' });
    // Counted before the screenshot: a full-page screenshot makes the viewport tall enough for
    // the end of the list to show, and the next page to load.
    if (tab === 'Käynnit') assert.equal(await page.locator('.entries > li').count(), 50, 'visits come a page at a time');
    await checkStaffScreen(page, `client-${tab}`);
  }
  await page.getByRole('tab', { name: 'Käynnit' }).click();
  const amended = page.getByRole('listitem').filter({ hasText: 'Käynti korjattu' });
  await amended.getByText('Muutettu, versio 2').waitFor();
  await amended.getByText('Kesto oli 45 min').waitFor();
  await amended.getByRole('button', { name: 'Näytä versiot' }).click();
  await amended.getByText('Muutoksen syy: Väärä teksti').waitFor();
  await amended.getByRole('heading', { name: 'Versio 1' }).waitFor();
  await checkStaffScreen(page, 'client-visit-revisions');
  await page.getByRole('tab', { name: 'Muistiinpanot' }).click();
  await page.getByRole('listitem').filter({ hasText: 'Edistystä' }).getByText('Vain henkilöstölle').waitFor();
  await page.getByRole('listitem').filter({ hasText: 'Hyvin menee' }).getByText('Jaettu ohjaajan kanssa').waitFor();
  await page.getByRole('tab', { name: 'Tavoitteet' }).click();
  await page.getByRole('button', { name: 'Tavoitteiden saavuttaminen kaavioina' }).click();
  await page.getByRole('heading', { name: 'T-luku ajan mittaan' }).waitFor();
  // The table beside each chart holds every score: here the first goal's five.
  const table = page.getByRole('table', { name: `Arviot: ${goals[0].title}` });
  assert.equal(await table.locator('tbody tr').count(), 5);
  await table.getByRole('row', { name: /Sosiaalityöntekijä 0 Odotetusti/ }).waitFor();
  await checkStaffScreen(page, 'goal-attainment');
  await context.close();

  // A report of the list's end that comes late, as on a busy desktop, loads no page the first
  // page has already pushed out of view: here every report comes half a second late.
  const late = await staffPage();
  await late.page.addInitScript(() => {
    const Observer = window.IntersectionObserver;
    window.IntersectionObserver = class extends Observer {
      constructor(report, options) {
        super((seen, observer) => setTimeout(() => report(seen, observer), 500), options);
      }
    };
  });
  await late.page.reload();
  await late.page.getByRole('button', { name: 'Asiakkaat' }).click();
  await late.page.getByLabel('Etsi asiakas nimellä tai asiakastietojärjestelmän tunnuksella').fill('Aino');
  await late.page.getByRole('button', { name: 'Aino Asiakas' }).click();
  await late.page.getByRole('tab', { name: 'Käynnit' }).click();
  await late.page.locator('.entries > li').first().waitFor();
  await late.page.waitForTimeout(1500);
  assert.equal(await late.page.locator('.entries > li').count(), 50, 'a late report loads no page out of view');
  await late.context.close();
  assert.deepEqual(consoleLines.filter((line) => !/Failed to load resource/.test(line)), []);
});

async function countTimeline(client) {
  let count = 0;
  let pageToken = '';
  do {
    const page = await stack.call('Notes/GetClientTimeline', { client, pageSize: 500, pageToken });
    count += (page.entries ?? []).length;
    pageToken = page.nextPageToken ?? '';
  } while (pageToken);
  return count;
}

test('a REVIEW meeting rates the goals; the CLOSING meeting closes them and ends the guidance; in English', async () => {
  // Cecilia's guidance from the first test, with its two agreed goals.
  const [assignment] = await assignmentsOf(stack.cecilia.name);
  const goals = (await stack.call('Meetings/ListGoals', { parent: stack.cecilia.name })).goals;
  assert.equal(goals.length, 2);
  const pad = (n) => String(n).padStart(2, '0');
  const { context, page } = await staffPage();
  await page.getByLabel('Kieli').selectOption('en');
  await page.getByRole('button', { name: 'Clients' }).click();
  await page.getByLabel('Find a client by name or by record-system id').fill('cederström');
  await page.getByRole('button', { name: 'Cecilia Cederström' }).click();
  await page.getByRole('tab', { name: 'Meetings' }).click();

  for (const kind of ['Review meeting', 'Closing meeting']) {
    await page.getByRole('button', { name: 'Book a meeting' }).click();
    await page.getByRole('radio', { name: kind }).check();
    // Tomorrow at 10 as English writes it (01/12/2026, 10:00), not as the browser's en-US would.
    const tomorrow = new Date(Date.now() + 86_400_000);
    const when = page.getByRole('group', { name: 'When?', exact: true });
    assert.equal(await when.getByRole('textbox', { name: 'Day' }).inputValue(), `${pad(tomorrow.getDate())}/${pad(tomorrow.getMonth() + 1)}/${tomorrow.getFullYear()}`);
    assert.equal(await when.getByRole('textbox', { name: 'Time' }).inputValue(), '10:00');
    await when.getByText('As dd/mm/yyyy', { exact: true }).waitFor();
    await page.getByLabel('Where?').fill('Library');
    await page.getByRole('button', { name: 'Book the meeting' }).click();
    await page.getByRole('heading', { name: new RegExp(`^${kind}, `) }).waitFor();
    const held = new Date(Date.now() - 60_000);
    await fillMoment(page, 'When was it held?', held, 'en');
    for (const party of ['The client', 'The social worker (you)', 'The guide Greta Grönlund']) await page.getByRole('checkbox', { name: party }).check();
    if (kind === 'Review meeting') {
      await page.getByText('In the initial and the closing meeting all three are present').waitFor({ state: 'detached' });
      const rating = page.getByRole('group', { name: `The client: ${goals[0].title}` });
      await rating.getByRole('radio', { name: /^\+1 More than expected/ }).check();
      await page.getByRole('group', { name: `The social worker: ${goals[0].title}` }).getByRole('radio', { name: /^0 As expected/ }).check();
      await checkStaffScreen(page, 'record-review');
    } else {
      await page.getByText('In the initial and the closing meeting all three are present').waitFor();
      await page.getByRole('group', { name: goals[0].title }).getByRole('radio', { name: 'achieved', exact: true }).check();
      await page.getByRole('group', { name: goals[1].title }).getByRole('radio', { name: 'dropped' }).check();
      assert.ok(await page.getByRole('checkbox', { name: 'End the guidance (goals reached)' }).isChecked());
      await checkStaffScreen(page, 'record-closing');
    }
    await page.getByRole('button', { name: 'Save the meeting' }).click();
    await page.getByRole('heading', { name: 'The record', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Clients' }).click();
    await page.getByLabel('Find a client by name or by record-system id').fill('apotti/12345');
    await page.getByRole('button', { name: 'Cecilia Cederström' }).click();
    await page.getByRole('tab', { name: 'Meetings' }).click();
  }

  const ratings = (await stack.call('Notes/GetGoalAttainment', { client: stack.cecilia.name })).goals.find((g) => g.goal === goals[0].name).history;
  assert.deepEqual(ratings.map((r) => [r.ratedBy, r.score ?? 0]).sort(), [['CLIENT', 1], ['SOCIAL_WORKER', 0]]);
  const closed = (await stack.call('Meetings/ListGoals', { parent: stack.cecilia.name })).goals;
  assert.deepEqual(closed.map((g) => [g.title, g.state]).sort(), [[goals[0].title, 'ACHIEVED'], [goals[1].title, 'DROPPED']].sort());
  const ended = await stack.call('Matching/GetAssignment', { name: assignment.name });
  assert.equal(ended.state, 'ENDED');
  assert.equal(ended.endReason, 'GOALS_REACHED');
  await page.getByText('no guide now').waitFor();
  // With the guidance ended, the meetings tab offers no meeting to book, and says why.
  await page.getByText('The client has no guidance now, so no meeting can be booked.').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Book a meeting' }).count(), 0);
  await page.getByRole('tab', { name: 'Timeline' }).click();
  await page.getByText('Guidance ended: goals reached').waitFor();
  await page.getByText(`Goal achieved: ${goals[0].title}`).waitFor();
  await page.getByLabel('Language').selectOption('fi');
  await context.close();
});
