// The browser tests' stack: a fresh PostgreSQL database (under pg_virtualenv's cluster), a signing
// key, the real rinnalla-server serving the built app with development sign-in, demo people seeded
// through the API with `rinnalla call`, and Debian's Chromium driven by playwright-core.
import { execFile, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';

const run = promisify(execFile);
export const buildDir = resolve(process.env.RINNALLA_BUILD_DIR ?? fileURLToPath(new URL('../../build', import.meta.url)));
const rinnalla = join(buildDir, 'tools', 'rinnalla');
const server = join(buildDir, 'services', 'rinnalla-server');
const webRoot = join(buildDir, 'web');
export const screenshots = join(buildDir, 'web-screenshots');

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const PHONE = { width: 390, height: 844 };

/** Polls `check` (a short sleep between tries) until it returns a truthy value, or fails. */
export async function eventually(check, what, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      last = await check();
      if (last) return last;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (last: ${last})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function readPorts(child) {
  return new Promise((resolvePorts, reject) => {
    const ports = {};
    const lines = createInterface({ input: child.stdout });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => reject(new Error(`server did not start: ${stderr}`)), 60_000);
    lines.on('line', (line) => {
      let entry;
      try {
        entry = JSON.parse(line);
      } catch {
        return;
      }
      if (entry.event === 'serving') ports.grpc = entry.port;
      if (entry.event === 'serving_http') ports.http = entry.port;
      if (ports.grpc && ports.http) {
        clearTimeout(timer);
        resolvePorts(ports);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}: ${stderr}`));
    });
  });
}

export class Stack {
  /** `demo`: `rinnalla demo-data` counts (guides, clients, visits) loaded first, e.g. a county's year. */
  static async start({ demo } = {}) {
    if (!existsSync(join(webRoot, 'index.html'))) throw new Error(`no built web app in ${webRoot}`);
    const stack = new Stack();
    stack.#demo = demo;
    await stack.#setUp();
    return stack;
  }

  #dir = mkdtempSync(join(tmpdir(), 'rinnalla-web-'));
  #child = null;
  #ports = null;
  #demo = undefined;
  #auth = null; // flags that replace the development sign-in and its key, once set
  get dir() {
    return this.#dir;
  }
  org = 'testikunta';

  async #setUp() {
    this.database = `rinnalla_web_${randomUUID().replaceAll('-', '')}`;
    await run('createdb', [this.database]);
    this.dsn = `dbname=${this.database}`;
    await run(rinnalla, ['migrate', '--database', this.dsn]);
    if (this.#demo) {
      const { guides, clients, visits } = this.#demo;
      const began = Date.now();
      await run(rinnalla, ['demo-data', '--database', this.dsn, '--org', this.org, `--guides=${guides}`, `--clients=${clients}`, `--visits=${visits}`], {
        maxBuffer: 1 << 20,
      });
      this.demoSeconds = (Date.now() - began) / 1000;
    }
    mkdirSync(join(this.#dir, 'keys'));
    await run(rinnalla, ['keygen', '--out', join(this.#dir, 'keys')]);
    this.privateKey = join(this.#dir, 'keys', 'private.pem');
    await this.startServer();
    await this.#seed();
    writeFileSync(
      join(this.#dir, 'dev-sign-in.json'),
      JSON.stringify({
        privateKey: this.privateKey,
        users: [
          { sub: this.guide, org: this.org, role: 'guide', displayName: 'Olli Ohjaaja' },
          { sub: 'users/sosiaalityontekija', org: this.org, role: 'social_worker', displayName: 'Sanna Sosiaalityöntekijä' },
          { sub: 'users/koordinaattori', org: this.org, role: 'coordinator', displayName: 'Kaisa Koordinaattori' },
          { sub: 'users/tarkastaja', org: this.org, role: 'auditor', displayName: 'Tuomas Tarkastaja' },
        ],
      }),
    );
    await this.stopServer();
    await this.startServer();
  }

  /** Starts the server (again on the same ports once it had them, so the app's origin stays). */
  async startServer() {
    const http = this.#ports ? `127.0.0.1:${this.#ports.http}` : '127.0.0.1:0';
    const grpc = this.#ports ? `127.0.0.1:${this.#ports.grpc}` : '127.0.0.1:0';
    const devSignIn = join(this.#dir, 'dev-sign-in.json');
    const auth = this.#auth ?? [
      '--jwt-public-keys', join(this.#dir, 'keys', 'public.pem'),
      ...(existsSync(devSignIn) ? ['--dev-sign-in', devSignIn] : []),
    ];
    const args = ['--listen', grpc, '--http-listen', http, '--database', this.dsn, '--web-root', webRoot, ...auth];
    this.#child = spawn(server, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.#ports = await readPorts(this.#child);
    this.url = `http://127.0.0.1:${this.#ports.http}`;
  }

  /**
   * Restarts the server trusting other tokens only (an identity provider's): `rinnalla call`,
   * whose tokens the test's own key signs, is refused from then on.
   */
  async restartWithAuth(flags) {
    this.#auth = flags;
    await this.stopServer();
    await this.startServer();
  }

  /** Stops the server: SIGKILL when `abruptly`, as a crash or a pulled plug would. */
  async stopServer({ abruptly = false } = {}) {
    const child = this.#child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(abruptly ? 'SIGKILL' : 'SIGTERM');
    await exited;
    this.#child = null;
  }

  async token(role, sub) {
    const { stdout } = await run(rinnalla, ['token', '--key', this.privateKey, '--org', this.org, '--role', role, '--sub', sub]);
    return stdout.trim();
  }

  /** A unary call through gRPC (not the HTTP listener), as `role`; resolves to the JSON answer. */
  async call(method, request, role = 'social_worker', sub = 'users/sosiaalityontekija') {
    const { stdout } = await run(rinnalla, ['call', method, JSON.stringify(request)], {
      env: { ...process.env, RINNALLA_SERVER: `127.0.0.1:${this.#ports.grpc}`, RINNALLA_TOKEN: await this.token(role, sub) },
    });
    return JSON.parse(stdout);
  }

  /** Runs `statement` in the stack's database (rows a test sets up by hand, such as old log entries). */
  async sql(statement) {
    await run('psql', ['--no-psqlrc', '--quiet', '--set', 'ON_ERROR_STOP=1', '--dbname', this.database, '--command', statement]);
  }

  /** A client-stream call (e.g. Visits/SyncVisits) with its requests sent on stdin, one per line. */
  async callStream(method, requests, role, sub) {
    const child = spawn(rinnalla, ['call', method, '-'], {
      env: { ...process.env, RINNALLA_SERVER: `127.0.0.1:${this.#ports.grpc}`, RINNALLA_TOKEN: await this.token(role, sub) },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
    child.stdin.end(requests.map((request) => JSON.stringify(request)).join('\n') + '\n');
    const code = await exited;
    if (code !== 0) throw new Error(`rinnalla call ${method} exited with ${code}: ${stderr}`);
    return JSON.parse(stdout);
  }

  async #seed() {
    const parent = `organizations/${this.org}`;
    const guide = await this.call(
      'Directory/CreateGuide',
      {
        parent,
        guide: { displayName: 'Olli Ohjaaja', experienceAreas: ['MENTAL_HEALTH'], languages: ['fi'], municipalities: ['398'], maxActiveClients: 5, state: 'ACTIVE' },
      },
      'coordinator',
      'users/koordinaattori',
    );
    this.guide = guide.name;
    this.clients = [];
    for (const displayName of ['Aino Asiakas', 'Bertta Bergström']) {
      this.clients.push(await this.#guidance(displayName));
    }
  }

  /** A client with an assignment to the guide and an INITIAL meeting that agreed two goals. */
  async #guidance(displayName) {
    const parent = `organizations/${this.org}`;
    const client = await this.call('Directory/CreateClient', { parent, client: { displayName, municipality: '398', languages: ['fi'] } });
    const referral = await this.call('Matching/CreateReferral', {
      parent,
      referral: { client: client.name, needs: ['MENTAL_HEALTH'], languages: ['fi'], municipality: '398' },
    });
    const assignment = await this.call('Matching/AssignGuide', { referral: referral.name, guide: this.guide });
    const now = new Date().toISOString();
    const meeting = await this.call('Meetings/CreateMeeting', {
      parent: client.name,
      meeting: { assignment: assignment.name, kind: 'INITIAL', scheduledTime: now, place: 'Sosiaalitoimisto' },
    });
    await this.call('Meetings/RecordMeetingOutcome', {
      name: meeting.name,
      heldTime: now,
      participants: [
        { role: 'CLIENT', present: true },
        { role: 'SOCIAL_WORKER', identity: 'users/sosiaalityontekija', present: true },
        { role: 'GUIDE', identity: this.guide, present: true },
      ],
      supportNeeds: [{ area: 'MENTAL_HEALTH', description: 'Haluan päästä pois kotoa' }],
      agreedGoals: [
        { title: 'Käyn vertaisryhmässä', area: 'MENTAL_HEALTH', gasLevels: ['En käy lainkaan', 'Käyn kerran', 'Käyn kahdesti kuussa', 'Käyn viikoittain', 'Ohjaan itse ryhmää'] },
        { title: 'Hoidan Kela-asiat', area: 'LONG_TERM_UNEMPLOYMENT', gasLevels: ['Ei hakemuksia', 'Yksi hakemus', 'Hakemukset vireillä', 'Päätökset saatu', 'Hoidan itse kaiken'] },
      ],
      consent: true,
    });
    const inAWeek = new Date(Date.now() + 7 * 86_400_000).toISOString();
    await this.call('Meetings/CreateMeeting', {
      parent: client.name,
      meeting: { assignment: assignment.name, kind: 'REVIEW', scheduledTime: inAWeek, place: 'Kirjasto' },
    });
    return { name: client.name, displayName, assignment: assignment.name };
  }

  /** The guide's visits the server holds for a client. */
  async visitsOf(client) {
    const answer = await this.call('Visits/ListVisits', { parent: client, pageSize: 500 });
    return answer.visits ?? [];
  }

  async notesOf(client) {
    const answer = await this.call('Notes/ListProgressNotes', { parent: client, pageSize: 500 });
    return answer.notes ?? [];
  }

  async close() {
    await this.stopServer();
    await run('dropdb', ['--if-exists', this.database]).catch(() => {});
  }
}

/**
 * A test file's stack and Chromium: started before its tests and handed to `started` (which may
 * seed more, or start more beside them), closed after them: the browser, then what `close` names,
 * then the stack (its server and its database).
 */
export function useStack(started, { demo, close } = {}) {
  let stack;
  let browser;
  before(async () => {
    stack = await Stack.start({ demo });
    browser = await launchBrowser();
    await started(stack, browser);
  });
  after(async () => {
    await browser?.close();
    await close?.();
    await stack?.close();
  });
}

export function profileDir() {
  return mkdtempSync(join(tmpdir(), 'rinnalla-chromium-'));
}

export async function launchBrowser() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}

/** A browser with a profile kept on disk, so a restart finds the same IndexedDB and caches. */
export async function launchProfile(dir, options = {}) {
  return chromium.launchPersistentContext(dir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: PHONE,
    ...options,
  });
}

/** Everything the page prints to its console, to prove no personal data goes there. */
export function recordConsole(page, into) {
  page.on('console', (message) => into.push(message.text()));
  page.on('pageerror', (error) => into.push(String(error)));
}

export async function signIn(page, stack, name = 'Olli Ohjaaja') {
  await page.goto(stack.url);
  await page.getByRole('button', { name: `Kirjaudu käyttäjänä ${name}` }).click();
  await page.getByRole('heading', { name: 'Asiakkaani' }).waitFor();
  await page.getByRole('button', { name: /^Aino Asiakas/ }).waitFor(); // the first sync is done
}

export async function openClient(page, displayName) {
  await page.getByRole('button', { name: new RegExp(`^${displayName}`) }).click();
  await page.getByRole('heading', { name: displayName }).waitFor();
}

/**
 * Types a moment into a day-and-time field (the fieldset named `legend`) as a user of `language`
 * writes it: fi and sv 1.12.2026 and 14.30, en 01/12/2026 and 14:30.
 */
export async function fillMoment(scope, legend, date, language = 'fi') {
  const pad = (n) => String(n).padStart(2, '0');
  const [d, m, y, time] = [date.getDate(), date.getMonth() + 1, date.getFullYear(), [pad(date.getHours()), pad(date.getMinutes())]];
  const [day, hhmm] = language === 'en' ? [`${pad(d)}/${pad(m)}/${y}`, time.join(':')] : [`${d}.${m}.${y}`, time.join('.')];
  const fields = scope.getByRole('group', { name: legend, exact: true }).getByRole('textbox');
  await fields.nth(0).fill(day);
  await fields.nth(1).fill(hhmm);
}

/** Chooses a visit's places from the whole list, shown on demand, then hides the others again. */
export async function choosePlaces(page, names) {
  await page.getByRole('button', { name: /^(Valitse paikat|Lisää tai poista paikkoja)$/ }).click();
  for (const name of names) await page.getByRole('checkbox', { name, exact: true }).check();
  await page.getByRole('button', { name: 'Valmis, piilota muut paikat' }).click();
}

/** Logs a visit through the form; resolves once it is saved on the phone. */
export async function logVisit(page, { summary, start, accompanied = false, minutes = '45 min' }) {
  await page.getByRole('button', { name: 'Kirjaa käynti' }).click();
  await page.getByRole('heading', { name: 'Kirjaa käynti' }).waitFor();
  if (start) await fillMoment(page, 'Milloin käynti alkoi?', start);
  await page.getByRole('radio', { name: minutes, exact: true }).check();
  if (accompanied) {
    await page.getByRole('radio', { name: 'Lähdin mukaan asioimaan' }).check();
    await choosePlaces(page, ['Kela']);
    const kela = page.getByRole('region', { name: 'Paikassa Kela' });
    await kela.getByRole('radio', { name: 'Asiakas tuli ajalle' }).check();
    await kela.getByRole('checkbox', { name: 'Jätimme hakemuksen' }).check();
    await kela.getByRole('radio', { name: 'Asiakas ja minä yhdessä' }).check();
  } else {
    await page.getByRole('radio', { name: 'Tapasimme kasvokkain' }).check();
    await choosePlaces(page, ['Kahvila, kirjasto tai muu julkinen paikka']);
  }
  await page.getByRole('checkbox', { name: 'Käyn vertaisryhmässä' }).check();
  await page.getByLabel('Mitä tapahtui?').fill(summary);
  await page.getByRole('button', { name: 'Tallenna' }).click();
  await page.getByText('Tallennettu puhelimeen').waitFor();
}

export async function writeNote(page, { text }) {
  await page.getByRole('button', { name: 'Kirjoita muistiinpano' }).click();
  await page.getByRole('heading', { name: 'Kirjoita muistiinpano' }).waitFor();
  await page.getByLabel('Miten menee?').fill(text);
  await page.getByRole('checkbox', { name: 'Asiakas arvioi kanssani' }).check();
  const goal = page.getByRole('region', { name: 'Käyn vertaisryhmässä' });
  await goal.getByRole('group', { name: 'Sinun arviosi' }).getByRole('radio', { name: /^\+1 / }).check();
  await goal.getByRole('group', { name: 'Asiakkaan oma arvio' }).getByRole('radio', { name: /^\+2 / }).check();
  await page.getByRole('button', { name: 'Tallenna' }).click();
  await page.getByText('Tallennettu puhelimeen').waitFor();
}

/**
 * Resolves once no tab holds the sync lock. Releasing a Web Lock is asynchronous, so a sync asked
 * for right after another tab let go could still find it taken (and leave the work to that tab).
 */
export function syncLockFree(page) {
  return eventually(
    () => page.evaluate(async () => (await navigator.locks.query()).held.every((lock) => lock.name !== 'rinnalla-sync')),
    'the sync lock free',
  );
}

/** The outbox's items as the page's IndexedDB holds them. */
export function outboxInBrowser(page) {
  return page.evaluate(
    () =>
      new Promise((resolveItems, reject) => {
        const open = indexedDB.open('rinnalla-outbox');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('items')) return resolveItems([]);
          const get = db.transaction('items').objectStore('items').getAll();
          get.onsuccess = () => resolveItems(get.result.map((item) => ({ id: item.id, kind: item.draft.kind, state: item.state, reason: item.refusal?.reason })));
          get.onerror = () => reject(get.error);
        };
      }),
  );
}

/** The client names kept in the page's offline cache. */
export function cachedClientsInBrowser(page) {
  return page.evaluate(
    () =>
      new Promise((resolveNames, reject) => {
        const open = indexedDB.open('rinnalla-cache');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('clients')) return resolveNames([]);
          const get = db.transaction('clients').objectStore('clients').getAllKeys();
          get.onsuccess = () => resolveNames(get.result);
          get.onerror = () => reject(get.error);
        };
      }),
  );
}

export function screenshotPath(name) {
  mkdirSync(screenshots, { recursive: true });
  return join(screenshots, `${name}.png`);
}
