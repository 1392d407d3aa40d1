// The auditor's answer to a client who asks who has processed their data (Act 703/2023): the
// client's access log, newest first, with every refusal; filtered by time and by actor; as a CSV
// file. The client is named by their id, as the record system or the social worker gives it.
import { useState } from 'preact/hooks';
import type { AccessLogEntry } from '../../../gen/rinnalla/v1/audit_pb';
import { AccessLogEntry_Outcome } from '../../../gen/rinnalla/v1/audit_pb';
import { audit } from '../../../shared/api/clients';
import { refusalFromError } from '../../../shared/api/refusal';
import { session } from '../../../shared/auth/session';
import { formatDateTime } from '../../../shared/i18n/i18n';
import { Problems } from '../../../shared/ui/problems';
import type { SectionProps } from '../../section';
import { downloadCsv } from '../../csv';
import { wordRefusal } from '../../social/refusal-words';
import {
  NO_FILTER,
  actorsOf,
  clientNameOf,
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

export default function AccessLog({ view, go }: SectionProps) {
  const [input, setInput] = useState(typeof view.client === 'string' ? view.client : '');
  const [problems, setProblems] = useState<string[]>([]);
  const [log, setLog] = useState<{ client: string; entries: AccessLogEntry[]; more: boolean } | null>(null);
  const [loading, setLoading] = useState(false);
  const [filter, setFilter] = useState<LogFilter>(NO_FILTER);
  const change = (part: Partial<LogFilter>) => setFilter((current) => ({ ...current, ...part }));

  const find = async (event: Event) => {
    event.preventDefault();
    const client = clientNameOf(input, session()!.org);
    if (!client) return setProblems([m('log.badClient')]);
    setProblems([]);
    setLoading(true);
    setLog(null);
    try {
      setLog({ client, ...(await readLog(client)) });
      setFilter(NO_FILTER);
      go({ client: input.trim() }, true);
    } catch (error) {
      setProblems([wordRefusal(refusalFromError(error))]);
    } finally {
      setLoading(false);
    }
  };

  const shown = log ? filterEntries(log.entries, filter) : [];
  const refusals = log ? log.entries.filter((entry) => entry.outcome === AccessLogEntry_Outcome.DENIED).length : 0;

  return (
    <div class="desk">
      <h1>{m('nav.accessLog')}</h1>
      <p>{m('log.intro')}</p>
      <form class="desk-form" onSubmit={(event) => void find(event)} noValidate>
        <Problems problems={problems} />
        <div class="field">
          <label for="log-client">{m('log.client')}</label>
          <p class="hint" id="log-client-hint">
            {m('log.clientHint')}
          </p>
          <input
            id="log-client"
            autocomplete="off"
            spellcheck={false}
            aria-describedby="log-client-hint"
            value={input}
            onInput={(event) => setInput((event.target as HTMLInputElement).value)}
          />
        </div>
        <button type="submit" disabled={loading}>
          {m('log.read')}
        </button>
      </form>
      {loading && <p role="status">{m('log.loading')}</p>}
      {log && (
        <section aria-labelledby="log-title">
          <h2 id="log-title">{m('log.title')}</h2>
          <p role="status">
            {m('log.summary', { count: log.entries.length, refusals })}
            {log.more && ` ${m('log.more', { count: log.entries.length })}`}
          </p>
          <fieldset class="log-filter period">
            <legend>{m('log.filter')}</legend>
            <div class="field">
              <label for="log-from">{m('log.from')}</label>
              <input id="log-from" type="date" value={filter.from} onInput={(event) => change({ from: (event.target as HTMLInputElement).value })} />
            </div>
            <div class="field">
              <label for="log-to">{m('log.to')}</label>
              <input id="log-to" type="date" value={filter.to} onInput={(event) => change({ to: (event.target as HTMLInputElement).value })} />
            </div>
            <div class="field">
              <label for="log-actor">{m('log.actor')}</label>
              <select id="log-actor" value={filter.actor} onChange={(event) => change({ actor: (event.target as HTMLSelectElement).value })}>
                <option value="">{m('log.everyone')}</option>
                {actorsOf(log.entries).map(({ actor, role }) => (
                  <option key={actor} value={actor}>
                    {`${actor} (${roleName(role)})`}
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
                        {entry.actor}
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
