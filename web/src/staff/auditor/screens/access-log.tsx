// The auditor's answer to a client who asks who has processed their data (Act 703/2023): the
// client's access log, newest first, with every refusal; filtered by time and by actor; as a CSV
// file. The client is found by name or record-system id, as the client gives them.
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
  filterEntries,
  logCsv,
  outcomeName,
  roleName,
  whatWasDone,
  type LogFilter,
} from '../access-log-rules';
import { m } from '../messages';
import '../../desk.css';

/** The most entries read for one client (the newest); more are said to exist. */
const MAX_ENTRIES = 20_000;
/** The most rows drawn in the table at once; the CSV file has every entry the filter keeps. */
const SHOWN_ROWS = 1_000;

async function readLog(client: string): Promise<{ entries: AccessLogEntry[]; more: boolean }> {
  const entries: AccessLogEntry[] = [];
  let pageToken = '';
  do {
    const page = await audit.listAccessLog({ parent: client, pageSize: 500, pageToken });
    entries.push(...page.entries);
    pageToken = page.nextPageToken;
  } while (pageToken && entries.length < MAX_ENTRIES);
  return { entries, more: pageToken !== '' };
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
  const [log, setLog] = useState<{ client: string; entries: AccessLogEntry[]; more: boolean } | null>(null);
  const [loading, setLoading] = useState(false);
  const [filter, setFilter] = useState<LogFilter>(NO_FILTER);
  const change = (part: Partial<LogFilter>) => setFilter((current) => ({ ...current, ...part }));
  // The auditor may list clients, not read one by one: the finder's search named the client.
  const client = shownClient(chosen);

  useEffect(() => {
    if (!chosen) return setLog(null);
    let alive = true;
    setProblems([]);
    setLoading(true);
    setLog(null);
    setFilter(NO_FILTER);
    readLog(chosen).then(
      (read) => alive && setLog({ client: chosen, ...read }),
      (error: unknown) => alive && setProblems([wordRefusal(refusalFromError(error))]),
    ).finally(() => alive && setLoading(false));
    return () => {
      alive = false;
    };
  }, [chosen]);

  const shown = log ? filterEntries(log.entries, filter) : [];
  const refusals = log ? log.entries.filter((entry) => entry.outcome === AccessLogEntry_Outcome.DENIED).length : 0;

  return (
    <div class="desk">
      <h1>{m('nav.accessLog')}</h1>
      <p>{m('log.intro')}</p>
      <div class="desk-form">
        <Problems problems={problems} />
        <ClientFinder onOpen={(found) => go({ client: found.name })} />
      </div>
      {loading && <p role="status">{m('log.loading')}</p>}
      {log && (
        <section aria-labelledby="log-title">
          <h2 id="log-title">{m('log.title')}</h2>
          {client && <p>{m('log.ofClient', { client: clientWords(client) })}</p>}
          <p role="status">
            {m('log.summary', { count: log.entries.length, refusals })}
            {log.more && ` ${m('log.more', { count: log.entries.length })}`}
          </p>
          <p class="hint">{m('log.actorsNote')}</p>
          <fieldset class="log-filter period">
            <legend>{m('log.filter')}</legend>
            <DateField id="log-from" label={m('log.from')} value={filter.from} onChange={(from) => from !== null && change({ from })} />
            <DateField id="log-to" label={m('log.to')} value={filter.to} onChange={(to) => to !== null && change({ to })} />
            <div class="field">
              <label for="log-actor">{m('log.actor')}</label>
              <select id="log-actor" value={filter.actor} onChange={(event) => change({ actor: (event.target as HTMLSelectElement).value })}>
                <option value="">{m('log.everyone')}</option>
                {actorsOf(log.entries).map(({ actor, role }) => (
                  <option key={actor} value={actor}>
                    {actorOption(actor, role)}
                  </option>
                ))}
              </select>
            </div>
            <label class="option">
              <input type="checkbox" checked={filter.refusalsOnly} onChange={(event) => change({ refusalsOnly: (event.target as HTMLInputElement).checked })} />
              <span class="option-text">{m('log.refusalsOnly')}</span>
            </label>
          </fieldset>
          <div class="actions">
            <button type="button" class="secondary" disabled={shown.length === 0} onClick={() => downloadCsv(`rinnalla-${m('log.file')}.csv`, logCsv(shown))}>
              {m('log.csv', { count: shown.length })}
            </button>
          </div>
          {shown.length > SHOWN_ROWS && <p>{m('log.firstShown', { shown: SHOWN_ROWS, count: shown.length })}</p>}
          {shown.length === 0 ? (
            <p>{m('log.noneShown')}</p>
          ) : (
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
                  {shown.slice(0, SHOWN_ROWS).map((entry, i) => (
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
        </section>
      )}
    </div>
  );
}
