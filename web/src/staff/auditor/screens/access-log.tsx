// The auditor's answer to a client who asks who has processed their data (Act 703/2023): the
// client's access log, newest first, with every refusal; filtered by the server by days, actor
// and refusals, a page at a time; the CSV file pages through every entry the filter keeps. The
// client is found by name or record-system id, as the client gives them.
import { useEffect, useState } from 'preact/hooks';
import type { AccessLogEntry } from '../../../gen/rinnalla/v1/audit_pb';
import { AccessLogEntry_Outcome } from '../../../gen/rinnalla/v1/audit_pb';
import { audit } from '../../../shared/api/clients';
import { refusalFromError } from '../../../shared/api/refusal';
import type { Client } from '../../../gen/rinnalla/v1/directory_pb';
import { session } from '../../../shared/auth/session';
import { formatDateTime } from '../../../shared/i18n/i18n';
import { Problems } from '../../../shared/ui/problems';
import type { SectionProps } from '../../section';
import { downloadCsv } from '../../csv';
import { ClientFinder } from '../../shared/client-finder';
import { shownClient } from '../../shared/client-search';
import { DateField } from '../../../shared/ui/date-field';
import { wordRefusal } from '../../shared/refusal-words';
import {
  NO_FILTER,
  actorName,
  actorsOf,
  entryTime,
  logCsv,
  outcomeName,
  roleName,
  serverFilter,
  whatWasDone,
  type LogFilter,
} from '../access-log-rules';
import { m } from '../messages';
import '../../desk.css';

/** Entries read at a time for the table; the CSV file reads every entry the filter keeps. */
const PAGE = 100;
/** How long the filter must rest (a day being typed) before the server is asked. */
const FILTER_PAUSE_MS = 300;

interface Page {
  entries: AccessLogEntry[];
  pageToken: string;
}

function readPage(client: string, filter: string, pageToken: string, pageSize = PAGE): Promise<Page> {
  return audit
    .listAccessLog({ parent: client, filter, pageSize, pageToken })
    .then((page) => ({ entries: page.entries, pageToken: page.nextPageToken }));
}

/** Every entry the filter keeps, page by page from the server; `progress` hears the count. */
async function readAll(client: string, filter: string, progress: (count: number) => void): Promise<AccessLogEntry[]> {
  const entries: AccessLogEntry[] = [];
  let pageToken = '';
  do {
    const page = await readPage(client, filter, pageToken, 500);
    entries.push(...page.entries);
    pageToken = page.pageToken;
    progress(entries.length);
  } while (pageToken);
  return entries;
}

/** An actor in the filter's list: their name, and their role when the name does not say it. */
function actorOption(actor: string, role: string): string {
  const name = actorName(actor);
  return name.startsWith(roleName(role)) ? name : `${name} (${roleName(role)})`;
}

/** The client as the log's heading names them: name and record-system ids. */
function clientWords(client: Client): string {
  return [client.displayName, ...client.externalRefs.map((ref) => `${ref.system}/${ref.id}`)].join(' · ');
}

export default function AccessLog({ view, go }: SectionProps) {
  const chosen = typeof view.client === 'string' ? view.client : '';
  const [problems, setProblems] = useState<string[]>([]);
  const [filter, setFilter] = useState<LogFilter>(NO_FILTER);
  const asked = serverFilter(filter);
  const [log, setLog] = useState<({ client: string; filter: string } & Page) | null>(null);
  const [loading, setLoading] = useState(false);
  const [exported, setExported] = useState<number | null>(null);
  // The actors seen in this client's entries so far: the filter's choices.
  const [actors, setActors] = useState<{ client: string; known: Map<string, string> }>({ client: '', known: new Map() });
  const change = (part: Partial<LogFilter>) => setFilter((current) => ({ ...current, ...part }));
  // The auditor may list clients, not read one by one: the finder's search named the client.
  const client = shownClient(chosen);

  const learn = (entries: AccessLogEntry[]) =>
    setActors((current) => {
      const known = new Map(current.client === chosen ? current.known : []);
      for (const { actor, role } of actorsOf(entries)) if (!known.has(actor)) known.set(actor, role);
      return { client: chosen, known };
    });

  useEffect(() => setFilter(NO_FILTER), [chosen]);

  useEffect(() => {
    if (!chosen) return setLog(null);
    let alive = true;
    setProblems([]);
    const timer = setTimeout(() => {
      setLoading(true);
      readPage(chosen, asked, '')
        .then(
          (page) => {
            if (!alive) return;
            learn(page.entries);
            setLog({ client: chosen, filter: asked, ...page });
          },
          (error: unknown) => alive && setProblems([wordRefusal(refusalFromError(error))]),
        )
        .finally(() => alive && setLoading(false));
    }, log && log.client === chosen ? FILTER_PAUSE_MS : 0);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [chosen, asked]);

  const older = async () => {
    if (!log) return;
    setLoading(true);
    try {
      const page = await readPage(log.client, log.filter, log.pageToken);
      learn(page.entries);
      // Only onto the page it follows: the filter or the client may have changed meanwhile.
      setLog((current) => (current === log ? { ...log, entries: [...log.entries, ...page.entries], pageToken: page.pageToken } : current));
    } catch (error) {
      setProblems([wordRefusal(refusalFromError(error))]);
    } finally {
      setLoading(false);
    }
  };

  const exportCsv = async () => {
    if (!log) return;
    setExported(0);
    try {
      const entries = await readAll(log.client, log.filter, setExported);
      downloadCsv(`rinnalla-${m('log.file')}.csv`, logCsv(entries));
    } catch (error) {
      setProblems([wordRefusal(refusalFromError(error))]);
    } finally {
      setExported(null);
    }
  };

  const shown = log && log.client === chosen ? log.entries : [];
  const choices = new Map(actors.client === chosen ? actors.known : []);
  if (filter.actor && !choices.has(filter.actor)) choices.set(filter.actor, '');

  return (
    <div class="desk">
      <h1>{m('nav.accessLog')}</h1>
      <p>{m('log.intro')}</p>
      <div class="desk-form">
        <Problems problems={problems} />
        <ClientFinder onOpen={(found) => go({ client: found.name })} />
      </div>
      {loading && <p role="status">{m('log.loading')}</p>}
      {log && log.client === chosen && (
        <section aria-labelledby="log-title">
          <h2 id="log-title">{m('log.title')}</h2>
          {client && <p>{m('log.ofClient', { client: clientWords(client) })}</p>}
          <p class="hint">{m('log.actorsNote')}</p>
          <fieldset class="log-filter period">
            <legend>{m('log.filter')}</legend>
            <DateField id="log-from" label={m('log.from')} value={filter.from} onChange={(from) => from !== null && change({ from })} />
            <DateField id="log-to" label={m('log.to')} value={filter.to} onChange={(to) => to !== null && change({ to })} />
            <div class="field">
              <label for="log-actor">{m('log.actor')}</label>
              <p class="hint" id="log-actor-hint">
                {m('log.actorsSeen')}
              </p>
              <select
                id="log-actor"
                aria-describedby="log-actor-hint"
                value={filter.actor}
                onChange={(event) => change({ actor: (event.target as HTMLSelectElement).value })}
              >
                <option value="">{m('log.everyone')}</option>
                {[...choices].map(([actor, role]) => (
                  <option key={actor} value={actor}>
                    {role ? actorOption(actor, role) : actorName(actor)}
                  </option>
                ))}
              </select>
            </div>
            <label class="option">
              <input type="checkbox" checked={filter.refusalsOnly} onChange={(event) => change({ refusalsOnly: (event.target as HTMLInputElement).checked })} />
              <span class="option-text">{m('log.refusalsOnly')}</span>
            </label>
          </fieldset>
          <p role="status">
            {log.pageToken
              ? m('log.more', { count: shown.length })
              : shown.length === 0
                ? m('log.noneShown')
                : m('log.summary', { count: shown.length })}
          </p>
          <div class="actions">
            <button type="button" class="secondary" disabled={shown.length === 0 || exported !== null} onClick={() => void exportCsv()}>
              {m('log.csv')}
            </button>
          </div>
          {exported !== null && <p role="status">{m('log.exporting', { count: exported })}</p>}
          {shown.length > 0 && (
            <div class="table-scroll">
              <table>
                <caption>{m('log.caption', { count: shown.length })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{m('log.time')}</th>
                    <th scope="col">{m('log.actor')}</th>
                    <th scope="col">{m('log.role')}</th>
                    <th scope="col">{m('log.what')}</th>
                    <th scope="col">{m('log.outcome')}</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((entry, i) => (
                    <tr key={`${entry.requestId}-${i}`} class={entry.outcome === AccessLogEntry_Outcome.DENIED ? 'refused' : undefined}>
                      <td class="nowrap">
                        <time dateTime={entryTime(entry).toISOString()}>{formatDateTime(entryTime(entry))}</time>
                      </td>
                      <td class="actor">
                        {actorName(entry.actor)}
                        {entry.actorOrganization && entry.actorOrganization !== session()!.org && (
                          <span class="muted"> ({m('log.otherOrganization', { organization: entry.actorOrganization })})</span>
                        )}
                      </td>
                      <td class="nowrap">{roleName(entry.role)}</td>
                      <td>{whatWasDone(entry.method)}</td>
                      <td class="nowrap">{entry.outcome === AccessLogEntry_Outcome.DENIED ? <strong>{outcomeName(entry.outcome)}</strong> : outcomeName(entry.outcome)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {log.pageToken && (
            <div class="actions">
              <button type="button" class="secondary" disabled={loading} onClick={() => void older()}>
                {m('log.older')}
              </button>
            </div>
          )}
        </section>
      )}
    </div>
  );
}
