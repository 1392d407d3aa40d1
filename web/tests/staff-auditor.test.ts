// The auditor's pure rules: who acted in plain words, the log's filters, each entry's "what"
// in words, and the CSV rows.
import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { describe, expect, it } from 'vitest';
import { AccessLogEntrySchema, AccessLogEntry_Outcome } from '../src/gen/rinnalla/v1/audit_pb';
import { setLanguage } from '../src/shared/i18n/i18n';
import { actorName, actorsOf, logCsv, methodOf, serverFilter, whatWasDone } from '../src/staff/auditor/access-log-rules';
import { csvCell } from '../src/staff/csv';

const ID = '3f2a6c1e-0b7d-4e3a-9c55-1d2e3f4a5b6c';
const entry = (time: Date, actor: string, outcome = AccessLogEntry_Outcome.OK, method = '/rinnalla.v1.Directory/GetClient') =>
  create(AccessLogEntrySchema, { time: timestampFromDate(time), actor, role: 'guide', method, outcome, actorOrganization: 'o', requestId: 'r' });

describe('the access log', () => {
  it('names a guide by the start of their id and a staff user by their user id, in the chosen language', () => {
    setLanguage('en');
    expect(actorName(`organizations/o/guides/${ID.toUpperCase()}`)).toBe('experience guide 3f2a6c1e');
    expect(actorName('users/tarkastaja')).toBe('user tarkastaja');
    expect(actorName('something/else')).toBe('something/else');
    setLanguage('fi');
    expect(actorName(`organizations/o/guides/${ID}`)).toBe('kokemusohjaaja 3f2a6c1e');
  });

  it('asks the server for the days (the end day included, from local midnights), the actor and refusals', () => {
    const none = { from: '', to: '', actor: '', refusalsOnly: false };
    const midnight = (y: number, mo: number, d: number) => new Date(y, mo - 1, d).toISOString();
    expect(serverFilter(none)).toBe('');
    expect(serverFilter({ ...none, from: '2026-11-01', to: '2026-11-30' })).toBe(
      `time >= "${midnight(2026, 11, 1)}" AND time < "${midnight(2026, 12, 1)}"`,
    );
    expect(serverFilter({ ...none, to: '2026-12-31' })).toBe(`time < "${midnight(2027, 1, 1)}"`);
    expect(serverFilter({ ...none, actor: 'users/sosiaali"tyontekija\\x', refusalsOnly: true })).toBe(
      'actor = "users/sosiaali\\"tyontekija\\\\x" AND outcome = DENIED',
    );
    expect(serverFilter({ ...none, from: 'not a day' })).toBe('');
  });

  it('lists each actor once with their role, newest first', () => {
    const entries = [
      entry(new Date(2026, 10, 30, 23, 59), 'organizations/o/guides/g'),
      entry(new Date(2026, 10, 15, 12), 'users/sosiaalityontekija'),
      entry(new Date(2026, 10, 1, 0, 0), 'organizations/o/guides/g', AccessLogEntry_Outcome.DENIED),
    ];
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
    expect(rows[0]).toEqual(['When', 'Who', 'Id of who', 'Role', 'Organization', 'What', 'Call', 'Outcome', 'Request id']);
    expect(rows[1]).toEqual([
      '2026-11-01T08:00:00.000Z',
      '=cmd|calc',
      '=cmd|calc',
      'experience guide',
      'o',
      "Read the client's details",
      '/rinnalla.v1.Directory/GetClient',
      'Refused',
      'r',
    ]);
    expect(csvCell(rows[1]![1])).toBe("'=cmd|calc");
    expect(csvCell(rows[1]![2])).toBe("'=cmd|calc");
  });
});
