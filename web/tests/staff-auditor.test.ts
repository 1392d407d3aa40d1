// The auditor's pure rules: which client an id names, the log's filters, each entry's "what"
// in words, and the CSV rows.
import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { describe, expect, it } from 'vitest';
import { AccessLogEntrySchema, AccessLogEntry_Outcome } from '../src/gen/rinnalla/v1/audit_pb';
import { setLanguage } from '../src/shared/i18n/i18n';
import { actorsOf, clientNameOf, filterEntries, logCsv, methodOf, whatWasDone } from '../src/staff/auditor/access-log-rules';
import { csvCell } from '../src/staff/csv';

const ID = '3f2a6c1e-0b7d-4e3a-9c55-1d2e3f4a5b6c';
const entry = (time: Date, actor: string, outcome = AccessLogEntry_Outcome.OK, method = '/rinnalla.v1.Directory/GetClient') =>
  create(AccessLogEntrySchema, { time: timestampFromDate(time), actor, role: 'guide', method, outcome, actorOrganization: 'o', requestId: 'r' });

describe('the access log', () => {
  it('names a client by its id or its resource name in the own organization only', () => {
    expect(clientNameOf(` ${ID.toUpperCase()} `, 'o')).toBe(`organizations/o/clients/${ID}`);
    expect(clientNameOf(`organizations/o/clients/${ID}`, 'o')).toBe(`organizations/o/clients/${ID}`);
    expect(clientNameOf(`organizations/other/clients/${ID}`, 'o')).toBeNull();
    expect(clientNameOf('Aino Asiakas', 'o')).toBeNull();
    expect(clientNameOf('', 'o')).toBeNull();
  });

  it('filters by days (the end day included), by actor and to refusals', () => {
    const entries = [
      entry(new Date(2026, 10, 30, 23, 59), 'organizations/o/guides/g'),
      entry(new Date(2026, 10, 15, 12), 'users/sosiaalityontekija'),
      entry(new Date(2026, 10, 1, 0, 0), 'organizations/o/guides/g', AccessLogEntry_Outcome.DENIED),
      entry(new Date(2026, 9, 31, 23, 59), 'organizations/o/guides/g'),
    ];
    const none = { from: '', to: '', actor: '', refusalsOnly: false };
    expect(filterEntries(entries, none)).toHaveLength(4);
    expect(filterEntries(entries, { ...none, from: '2026-11-01', to: '2026-11-30' })).toEqual(entries.slice(0, 3));
    expect(filterEntries(entries, { ...none, to: '2026-11-29' })).toEqual(entries.slice(1));
    expect(filterEntries(entries, { ...none, actor: 'users/sosiaalityontekija' })).toEqual([entries[1]]);
    expect(filterEntries(entries, { ...none, refusalsOnly: true })).toEqual([entries[2]]);
    expect(actorsOf(entries)).toEqual([
      { actor: 'organizations/o/guides/g', role: 'guide' },
      { actor: 'users/sosiaalityontekija', role: 'guide' },
    ]);
  });

  it('words what was done by the call, the call itself when it is not known', () => {
    setLanguage('fi');
    expect(methodOf('/rinnalla.v1.Notes/GetClientTimeline')).toBe('GetClientTimeline');
    expect(whatWasDone('/rinnalla.v1.Notes/GetClientTimeline')).toBe('Luki asiakkaan aikajanan');
    expect(whatWasDone('rinnalla demo-data')).toBe('rinnalla demo-data');
  });

  it('exports every kept entry, a refusal as such, with formula-like text disarmed', () => {
    setLanguage('en');
    const rows = logCsv([entry(new Date(Date.UTC(2026, 10, 1, 8)), '=cmd|calc', AccessLogEntry_Outcome.DENIED)]);
    expect(rows[0]).toEqual(['When', 'Who', 'Role', 'Organization', 'What', 'Call', 'Outcome', 'Request id']);
    expect(rows[1]).toEqual([
      '2026-11-01T08:00:00.000Z',
      '=cmd|calc',
      'experience guide',
      'o',
      "Read the client's details",
      '/rinnalla.v1.Directory/GetClient',
      'Refused',
      'r',
    ]);
    expect(csvCell(rows[1]![1])).toBe("'=cmd|calc");
  });
});
