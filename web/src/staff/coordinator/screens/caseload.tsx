// The caseload view: each guide's places taken against the cap, who is full, near the cap or on a
// break, and the places free in all; those who need attention first.
import { useState } from 'preact/hooks';
import type { SectionProps } from '../../section';
import { useCall } from '../../shared/use-call';
import { caseloadRows, caseloadTotals, type CaseloadStatus } from '../caseload';
import { allGuides } from '../../shared/guides-data';
import { m } from '../messages';
import { stateName } from '../words';
import '../coordinator.css';

const FILTERS: (CaseloadStatus | 'ALL')[] = ['ALL', 'FULL', 'NEAR', 'ON_BREAK', 'ROOM', 'NOT_GUIDING'];

export default function CaseloadSection({ open }: SectionProps) {
  const guides = useCall(allGuides, []);
  const [filter, setFilter] = useState<CaseloadStatus | 'ALL'>('ALL');
  const rows = caseloadRows(guides.value ?? []);
  const totals = caseloadTotals(rows);
  const shown = rows.filter((row) => filter === 'ALL' || row.status === filter);
  return (
    <div class="desk">
      <h1>{m('nav.caseload')}</h1>
      {guides.problem && (
        <p class="notice problem" role="alert">
          {guides.problem}
        </p>
      )}
      {!guides.value && !guides.problem && <p role="status">{m('loading')}</p>}
      {guides.value && (
        <>
          <dl class="key-figures">
            <div>
              <dt>{m('caseload.taken')}</dt>
              <dd>{m('caseload.takenOf', { taken: totals.taken, capacity: totals.capacity })}</dd>
            </div>
            <div>
              <dt>{m('caseload.free')}</dt>
              <dd>{totals.free}</dd>
            </div>
            <div>
              <dt>{m('caseload.status.FULL')}</dt>
              <dd>{totals.full}</dd>
            </div>
            <div>
              <dt>{m('caseload.status.NEAR')}</dt>
              <dd>{totals.near}</dd>
            </div>
            <div>
              <dt>{m('caseload.status.ON_BREAK')}</dt>
              <dd>{totals.onBreak}</dd>
            </div>
          </dl>
          <div class="field">
            <label for="caseload-filter">{m('caseload.show')}</label>
            <select id="caseload-filter" value={filter} onChange={(event) => setFilter((event.target as HTMLSelectElement).value as typeof filter)}>
              {FILTERS.map((value) => (
                <option key={value} value={value}>
                  {m(`caseload.filter.${value}`)}
                </option>
              ))}
            </select>
          </div>
          <div class="table-scroll">
            <table>
              <caption>{m('caseload.caption', { count: shown.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{m('guides.name')}</th>
                  <th scope="col">{m('guides.state')}</th>
                  <th scope="col" class="number">
                    {m('caseload.placesTaken')}
                  </th>
                  <th scope="col" class="number">
                    {m('caseload.cap')}
                  </th>
                  <th scope="col" class="number">
                    {m('caseload.freePlaces')}
                  </th>
                  <th scope="col">{m('caseload.load')}</th>
                  <th scope="col">{m('caseload.situation')}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((row) => (
                  <tr key={row.guide.name} class={`caseload-${row.status.toLowerCase()}`}>
                    <th scope="row">
                      <button type="button" class="link" onClick={() => open('coordinator.guides', { edit: row.guide.name })}>
                        {row.guide.displayName}
                      </button>
                    </th>
                    <td>{stateName(row.guide.state)}</td>
                    <td class="number">{row.taken}</td>
                    <td class="number">{row.capacity}</td>
                    <td class="number">{row.free}</td>
                    <td>
                      <span class="bar" aria-hidden="true">
                        <span style={{ width: `${Math.min(100, (row.taken / Math.max(1, row.capacity)) * 100)}%` }} />
                      </span>
                    </td>
                    <td>
                      <span class={`caseload-badge caseload-badge-${row.status.toLowerCase()}`}>{m(`caseload.status.${row.status}`)}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
