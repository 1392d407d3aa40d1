// The guides' app online, in Debian's Chromium against the real server and PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  PHONE,
  Stack,
  cachedClientsInBrowser,
  eventually,
  launchBrowser,
  logVisit,
  openClient,
  outboxInBrowser,
  recordConsole,
  signIn,
  syncLockFree,
  writeNote,
  localInput,
} from './harness.mjs';
import { checkScreen, checkVisibleFocus, tabTo } from './screens.mjs';

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

async function guidePage() {
  const context = await browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  recordConsole(page, consoleLines);
  return { context, page };
}

const outboxButton = (page) => page.getByRole('button', { name: /^Lähtevät/ });

test('a guide signs in and logs a visit online: stored once, shown as stored', async () => {
  const { context, page } = await guidePage();
  await signIn(page, stack);
  const [aino] = stack.clients;
  await openClient(page, aino.displayName);
  await logVisit(page, { summary: 'Kävimme yhdessä Kelassa hakemassa tukea.', accompanied: true });

  const visits = await eventually(async () => {
    const found = await stack.visitsOf(aino.name);
    return found.length === 1 && found;
  }, 'the visit on the server');
  assert.equal(visits[0].mode, 'ACCOMPANIED');
  assert.deepEqual(visits[0].placeOutcomes, [
    { place: 'KELA', appointment: 'KEPT', actions: ['APPLICATION_FILED'], acting: 'CLIENT_WITH_GUIDE' },
  ]);
  assert.equal(visits[0].goals.length, 1);

  await outboxButton(page).click();
  await page.getByText('Tallessa', { exact: true }).first().waitFor();
  const items = await outboxInBrowser(page);
  assert.deepEqual(items.map((item) => item.state), ['stored']);
  assert.ok(visits[0].name.endsWith(`/visits/${items[0].id}`), 'the phone named the visit');

  // Sending again changes nothing on the server.
  await page.getByRole('button', { name: 'Lähetä nyt' }).click();
  await page.getByRole('button', { name: 'Lähetä nyt' }).waitFor();
  assert.equal((await stack.visitsOf(aino.name)).length, 1);
  await context.close();
});

test('a draft is kept on the phone as it is written: a reload finds it again, with its ids', async () => {
  const { context, page } = await guidePage();
  await signIn(page, stack);
  await openClient(page, 'Aino Asiakas');
  await page.getByRole('button', { name: 'Kirjaa käynti' }).click();
  await page.getByRole('radio', { name: 'Videopuhelussa' }).check();
  await page.getByLabel('Mitä tapahtui?').fill('Kesken jäänyt kirjaus');
  const draftIds = () =>
    page.evaluate(
      () =>
        new Promise((resolve) => {
          indexedDB.open('rinnalla-drafts').onsuccess = (event) => {
            const get = event.target.result.transaction('drafts').objectStore('drafts').getAll();
            get.onsuccess = () => resolve(get.result.map((d) => `${d.id} ${d.requestId} ${d.summary}`));
          };
        }),
    );
  const before = await eventually(async () => {
    const ids = await draftIds();
    return ids.length === 1 && ids[0].endsWith('Kesken jäänyt kirjaus') && ids;
  }, 'the draft in IndexedDB');
  await page.reload();
  await page.getByRole('heading', { name: 'Kirjaa käynti' }).waitFor();
  assert.equal(await page.getByLabel('Mitä tapahtui?').inputValue(), 'Kesken jäänyt kirjaus');
  assert.equal(await page.getByRole('radio', { name: 'Videopuhelussa' }).isChecked(), true);
  assert.deepEqual(await draftIds(), before, 'the same draft, the same ids');
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Hylkää' }).click();
  await page.getByRole('heading', { name: 'Aino Asiakas' }).waitFor();
  assert.deepEqual(await draftIds(), [], 'thrown away');
  await context.close();
});

test('a progress note rates each goal on its levels, with the client rating beside', async () => {
  const { context, page } = await guidePage();
  await signIn(page, stack);
  const [aino] = stack.clients;
  await openClient(page, aino.displayName);
  await writeNote(page, { text: 'Aino kävi ryhmässä kahdesti.' });
  const notes = await eventually(async () => {
    const found = await stack.notesOf(aino.name);
    return found.length === 1 && found;
  }, 'the note on the server');
  const ratings = notes[0].goalRatings.map((r) => [r.score, r.ratedBy]).sort();
  assert.deepEqual(ratings, [[1, 'GUIDE'], [2, 'CLIENT']]);
  await context.close();
});

test('a refused visit stays with its reason; fixed and sent again, it is stored as the same visit', async () => {
  const { context, page } = await guidePage();
  await signIn(page, stack);
  const bertta = stack.clients[1];
  await openClient(page, bertta.displayName);
  const threeDaysAgo = new Date(Date.now() - 3 * 86_400_000);
  await logVisit(page, { summary: 'Soitin Bertalle.', start: threeDaysAgo });

  await outboxButton(page).click();
  await page.getByText('Ei hyväksytty').waitFor();
  await page.getByText('Syy: Käynnin aika on ohjauksesi ulkopuolella. Tarkista päivämäärä.').waitFor();
  const [refused] = await outboxInBrowser(page).then((items) => items.filter((i) => i.state === 'refused'));
  assert.equal(refused.reason, 'VISIT_OUTSIDE_ASSIGNMENT');
  assert.equal((await stack.visitsOf(bertta.name)).length, 0);
  // Another round does not drop it.
  await page.getByRole('button', { name: 'Lähetä nyt' }).click();
  await page.getByRole('button', { name: 'Lähetä nyt' }).waitFor();
  assert.equal((await outboxInBrowser(page)).filter((i) => i.state === 'refused').length, 1);
  await checkScreen(page, 'outbox-refused');

  await page.getByRole('button', { name: 'Korjaa ja lähetä uudelleen' }).click();
  await page.getByRole('heading', { name: 'Kirjaa käynti' }).waitFor();
  await page.getByLabel('Milloin käynti alkoi?').fill(localInput(new Date(Date.now() - 60_000)));
  await page.getByRole('button', { name: 'Tallenna' }).click();
  const visits = await eventually(async () => {
    const found = await stack.visitsOf(bertta.name);
    return found.length === 1 && found;
  }, 'the fixed visit on the server');
  assert.ok(visits[0].name.endsWith(`/visits/${refused.id}`), 'the same visit id');
  await eventually(async () => (await outboxInBrowser(page)).find((i) => i.id === refused.id)?.state === 'stored', 'stored');
  await context.close();
});

test('a refused sign-in (401) keeps the visit and asks to sign in again; then it is sent', async () => {
  const { context, page } = await guidePage();
  await signIn(page, stack);
  await page.evaluate(() => {
    const session = JSON.parse(localStorage.getItem('rinnalla.session'));
    localStorage.setItem('rinnalla.session', JSON.stringify({ ...session, token: `${session.token}x` }));
  });
  await page.reload();
  const [aino] = stack.clients;
  const before = (await stack.visitsOf(aino.name)).length;
  await openClient(page, aino.displayName);
  await logVisit(page, { summary: 'Tapasimme kirjastossa.' });
  await page.getByText('Kirjautumisesi on päättynyt. Kirjaudu uudelleen, niin odottavat lähetetään.').first().waitFor();
  assert.deepEqual((await outboxInBrowser(page)).filter((i) => i.state !== 'stored').map((i) => i.state), ['saved']);
  assert.equal((await stack.visitsOf(aino.name)).length, before);

  await page.getByRole('button', { name: 'Kirjaudu uudelleen' }).click();
  await page.getByRole('button', { name: 'Kirjaudu käyttäjänä Olli Ohjaaja' }).click();
  await eventually(async () => (await stack.visitsOf(aino.name)).length === before + 1, 'the visit sent after signing in again');
  await eventually(async () => (await outboxInBrowser(page)).every((i) => i.state === 'stored'), 'all stored');
  await context.close();
});

test('one tab syncs at a time (Web Locks)', async () => {
  const context = await browser.newContext({ viewport: PHONE });
  const first = await context.newPage();
  await signIn(first, stack);
  const second = await context.newPage();
  await second.goto(stack.url);
  await second.getByRole('heading', { name: 'Asiakkaani' }).waitFor();
  // The first tab holds the sync lock (as during a long sync) until told to let go.
  await first.evaluate(() => {
    window.releaseSync = null;
    navigator.locks.request('rinnalla-sync', () => new Promise((resolve) => (window.releaseSync = resolve)));
  });
  await first.waitForFunction(() => typeof window.releaseSync === 'function');
  const [aino] = stack.clients;
  const before = (await stack.visitsOf(aino.name)).length;
  await context.setOffline(true);
  await openClient(second, aino.displayName);
  await logVisit(second, { summary: 'Lyhyt puhelu.' });
  await context.setOffline(false);
  await outboxButton(second).click();
  await second.getByRole('button', { name: 'Lähetä nyt' }).click();
  await second.getByRole('button', { name: 'Lähetä nyt' }).waitFor();
  assert.equal((await stack.visitsOf(aino.name)).length, before, 'the second tab left the sync to the first');
  assert.ok((await outboxInBrowser(second)).some((i) => i.state === 'saved'));
  await first.evaluate(() => window.releaseSync());
  await syncLockFree(second);
  await second.getByRole('button', { name: 'Lähetä nyt' }).click();
  await eventually(async () => (await stack.visitsOf(aino.name)).length === before + 1, 'sent once the lock was free');
  await context.close();
});

test('sync runs when the app becomes visible and every minute; the app asks for persistent storage', async () => {
  const context = await browser.newContext({ viewport: PHONE });
  await context.addInitScript(() => {
    window.persistAsked = false;
    const persist = navigator.storage.persist.bind(navigator.storage);
    navigator.storage.persist = () => {
      window.persistAsked = true;
      return persist();
    };
  });
  const page = await context.newPage();
  await page.clock.install();
  await signIn(page, stack);
  assert.equal(await page.evaluate(() => window.persistAsked), true);
  const [aino] = stack.clients;
  const hold = () =>
    page.evaluate(() => {
      window.releaseSync = null;
      navigator.locks.request('rinnalla-sync', () => new Promise((resolve) => (window.releaseSync = resolve)));
    });
  const saveWhileHeld = async (summary) => {
    await hold();
    await page.waitForFunction(() => typeof window.releaseSync === 'function');
    await openClient(page, aino.displayName);
    await logVisit(page, { summary });
    await page.getByRole('button', { name: 'Asiakkaani' }).click();
    assert.ok((await outboxInBrowser(page)).some((i) => i.state === 'saved'), 'waiting while another tab syncs');
    await page.evaluate(() => window.releaseSync());
    await syncLockFree(page);
  };
  let count = (await stack.visitsOf(aino.name)).length;

  await saveWhileHeld('Näkyviin tullessa.');
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  await eventually(async () => (await stack.visitsOf(aino.name)).length === count + 1, 'sent on becoming visible');
  count += 1;

  await saveWhileHeld('Minuutin välein.');
  await page.clock.runFor(61_000);
  await eventually(async () => (await stack.visitsOf(aino.name)).length === count + 1, 'sent within a minute');
  await context.close();
});

test('every screen passes axe-core, fits 200 % zoom, shows focus and is photographed', async () => {
  const { context, page } = await guidePage();
  await page.goto(stack.url);
  await page.getByRole('button', { name: 'Kirjaudu käyttäjänä Olli Ohjaaja' }).waitFor();
  await checkScreen(page, 'sign-in');
  await checkVisibleFocus(page, 'sign-in');
  await page.getByRole('button', { name: 'Kirjaudu käyttäjänä Olli Ohjaaja' }).click();
  await page.getByRole('heading', { name: 'Asiakkaani' }).waitFor();
  await page.getByRole('button', { name: /^Aino Asiakas/ }).waitFor();
  await checkScreen(page, 'my-clients');
  await checkVisibleFocus(page, 'my-clients');
  await openClient(page, 'Aino Asiakas');
  await checkScreen(page, 'client');
  await page.getByRole('button', { name: 'Kirjaa käynti' }).click();
  await page.getByRole('radio', { name: 'Lähdin mukaan asioimaan' }).check();
  await page.getByRole('checkbox', { name: 'Kela', exact: true }).check();
  await page.getByRole('checkbox', { name: 'Työllisyyspalvelut' }).check();
  await page.getByRole('button', { name: 'Tallenna' }).click();
  await page.getByRole('alert').filter({ hasText: 'Tarkista' }).waitFor();
  await checkScreen(page, 'log-visit');
  // One place open at a time: a finished one folds to a line that says what was chosen.
  const kela = page.getByRole('region', { name: 'Paikassa Kela' });
  await kela.getByRole('radio', { name: 'Asiakas tuli ajalle' }).check();
  await kela.getByRole('radio', { name: 'Asiakas ja minä yhdessä' }).check();
  await page.getByText('Paikassa Työllisyyspalvelut', { exact: true }).click();
  await page.getByRole('region', { name: 'Paikassa Työllisyyspalvelut' }).waitFor();
  await kela.waitFor({ state: 'hidden' });
  await page.getByText('Asiakas tuli ajalle · Asiakas ja minä yhdessä').waitFor();
  await checkScreen(page, 'log-visit-places');
  await page.getByRole('button', { name: '← Takaisin' }).click();
  await page.getByRole('button', { name: 'Kirjoita muistiinpano' }).click();
  await page.getByRole('checkbox', { name: 'Asiakas arvioi kanssani' }).check();
  await checkScreen(page, 'progress-note');
  await outboxButton(page).click();
  await page.getByRole('heading', { name: 'Lähtevät' }).waitFor();
  await checkScreen(page, 'outbox');
  // Swedish and English, with the code lists named in each.
  await page.getByLabel('Kieli').selectOption('sv');
  await page.getByRole('heading', { name: 'Utkorg' }).waitFor();
  await page.getByRole('button', { name: 'Mina klienter' }).click();
  await openClient(page, 'Aino Asiakas');
  await page.getByText('FPA').first().waitFor();
  await checkScreen(page, 'client-sv');
  await page.getByLabel('Språk').selectOption('en');
  await page.getByRole('button', { name: 'Log a visit' }).waitFor();
  await checkScreen(page, 'client-en');
  await page.getByLabel('Language').selectOption('fi');
  // The sign-out question while something is unsent.
  await context.setOffline(true);
  await logVisit(page, { summary: 'Kävimme kävelyllä.' });
  await page.getByRole('button', { name: 'Kirjaudu ulos' }).click();
  await page.getByRole('dialog').waitFor();
  await checkScreen(page, 'sign-out-warning');
  await page.getByRole('button', { name: 'Pysy kirjautuneena' }).click();
  await context.setOffline(false);
  await context.close();
});

test('a visit is logged with the keyboard alone, the focus always visible', async () => {
  const { context, page } = await guidePage();
  await page.goto(stack.url);
  await page.getByRole('button', { name: 'Kirjaudu käyttäjänä Olli Ohjaaja' }).waitFor();
  await tabTo(page, 'Kirjaudu käyttäjänä Olli Ohjaaja');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: /^Aino Asiakas/ }).waitFor();
  const [aino] = stack.clients;
  const before = (await stack.visitsOf(aino.name)).length;
  await tabTo(page, 'Aino Asiakas');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Aino Asiakas' }).waitFor();
  await tabTo(page, 'Kirjaa käynti');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Kirjaa käynti' }).waitFor();
  await tabTo(page, '60 min'); // the default
  await page.keyboard.press('ArrowLeft'); // 45 min
  await tabTo(page, 'Tapasimme kasvokkain');
  await page.keyboard.press('ArrowDown'); // by phone
  await tabTo(page, 'Mitä tapahtui?');
  await page.keyboard.type('Puhelu näppäimistöllä kirjattuna.');
  await tabTo(page, 'Tallenna');
  await page.keyboard.press('Enter');
  await page.getByText('Tallennettu puhelimeen').waitFor();
  const visits = await eventually(async () => {
    const found = await stack.visitsOf(aino.name);
    return found.length === before + 1 && found;
  }, 'the visit on the server');
  const logged = visits.find((v) => v.summary === 'Puhelu näppäimistöllä kirjattuna.');
  assert.equal(logged.mode, 'PHONE');
  assert.equal(logged.durationMinutes, 45);
  await context.close();
});

test('signing out warns while the outbox is not empty, then deletes the client data on the phone', async () => {
  const { context, page } = await guidePage();
  await signIn(page, stack);
  await page.getByRole('button', { name: /^Aino Asiakas/ }).waitFor();
  assert.equal((await cachedClientsInBrowser(page)).length, 2);
  await context.setOffline(true);
  await openClient(page, 'Aino Asiakas');
  await logVisit(page, { summary: 'Kahvilla torilla.' });
  await page.getByRole('button', { name: 'Kirjaudu ulos' }).click();
  await page.getByText('Lähettämättä on vielä käyntejä tai muistiinpanoja (1).', { exact: false }).waitFor();
  await page.getByRole('button', { name: 'Pysy kirjautuneena' }).click();
  assert.equal((await outboxInBrowser(page)).length, 1, 'staying keeps it');
  await page.getByRole('button', { name: 'Kirjaudu ulos' }).click();
  await page.getByRole('button', { name: 'Kirjaudu ulos ja poista' }).click();
  await page.getByRole('heading', { name: 'Kirjaudu sisään' }).waitFor();
  assert.deepEqual(await outboxInBrowser(page), []);
  assert.deepEqual(await cachedClientsInBrowser(page), []);
  assert.equal(await page.evaluate(() => localStorage.getItem('rinnalla.session')), null);
  await context.close();
});

test('nothing personal in the URL, the service worker caches or the console', async () => {
  const { context, page } = await guidePage();
  await signIn(page, stack);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await openClient(page, 'Aino Asiakas');
  assert.equal(page.url(), `${stack.url}/`);
  const cached = await page.evaluate(async () => {
    const found = [];
    for (const key of await caches.keys()) {
      const cache = await caches.open(key);
      for (const request of await cache.keys()) {
        found.push({ path: new URL(request.url).pathname, body: await (await cache.match(request)).text() });
      }
    }
    return found;
  });
  assert.ok(cached.length > 0, 'the shell is cached');
  for (const entry of cached) {
    assert.match(entry.path, /^\/(|assets\/.+|sw\.js|manifest\.webmanifest|icon\.svg)$/, `only the shell: ${entry.path}`);
    for (const word of ['Aino', 'Bertta', 'Olli', 'Kelassa']) assert.ok(!entry.body.includes(word), `${word} in ${entry.path}`);
  }
  await context.close();
  const printed = consoleLines.join('\n');
  for (const word of ['Aino', 'Bertta', 'Olli', 'Kävimme', 'organizations/']) {
    assert.ok(!printed.includes(word), `the console printed ${word}`);
  }
});

test('the assignment ended by the social worker: the client and its cached data disappear', async () => {
  const { context, page } = await guidePage();
  await signIn(page, stack);
  const bertta = stack.clients[1];
  await page.getByRole('button', { name: /^Bertta Bergström/ }).waitFor();
  assert.ok((await cachedClientsInBrowser(page)).includes(bertta.name));
  await stack.call('Matching/EndAssignment', { name: bertta.assignment, endReason: 'CLIENT_MOVED' });
  await outboxButton(page).click();
  await page.getByRole('button', { name: 'Lähetä nyt' }).click();
  await page.getByRole('button', { name: 'Asiakkaani' }).click();
  await page.getByRole('button', { name: /^Aino Asiakas/ }).waitFor();
  await eventually(async () => !(await cachedClientsInBrowser(page)).includes(bertta.name), 'the cache forgot the client');
  await eventually(async () => (await page.getByRole('button', { name: /^Bertta Bergström/ }).count()) === 0, 'My clients no longer lists the client');
  assert.deepEqual(await cachedClientsInBrowser(page), [stack.clients[0].name]);
  await context.close();
});
