// One client's access log as the auditor reads it: who acted in plain words, the filters (time
// and actor, refusals only) as the server's filter, each entry's "what" in the user's language and
// the rows of the CSV export.
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { AccessLogEntry_Outcome, type AccessLogEntry } from '../../gen/rinnalla/v1/audit_pb';
import type { Cell } from '../csv';
import { filterString } from '../shared/filter-text';
import { m } from './messages';

const GUIDE = /^organizations\/[^/]+\/guides\/([0-9a-f]{8})-[0-9a-f-]{27}$/i;
const USER = /^users\/(.+)$/;

/**
 * Who acted, in plain words: a guide by the start of their id (the auditor may not read guides'
 * profiles, so their names cannot be looked up), a staff user by their user id.
 */
export function actorName(actor: string): string {
  const guide = GUIDE.exec(actor);
  if (guide) return m('actor.guide', { id: guide[1]!.toLowerCase() });
  const user = USER.exec(actor);
  return user ? m('actor.user', { id: user[1]! }) : actor;
}

export interface LogFilter {
  /** yyyy-mm-dd or '' (the day in the user's time zone, included). */
  from: string;
  to: string;
  /** `actor` of the entries to keep, or '' for everyone. */
  actor: string;
  refusalsOnly: boolean;
}

export const NO_FILTER: LogFilter = { from: '', to: '', actor: '', refusalsOnly: false };

function day(text: string, offset = 0): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return match ? new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + offset).getTime() : null;
}

export function entryTime(entry: AccessLogEntry): Date {
  return entry.time ? timestampDate(entry.time) : new Date(0);
}

/**
 * The filter as ListAccessLog's `filter`, so the server keeps the entries: the days from the
 * user's midnights (the end day included), the actor, the refusals.
 */
export function serverFilter(filter: LogFilter): string {
  const terms: string[] = [];
  const from = day(filter.from);
  const until = day(filter.to, 1);
  if (from !== null) terms.push(`time >= ${filterString(new Date(from).toISOString())}`);
  if (until !== null) terms.push(`time < ${filterString(new Date(until).toISOString())}`);
  if (filter.actor) terms.push(`actor = ${filterString(filter.actor)}`);
  if (filter.refusalsOnly) terms.push('outcome = DENIED');
  return terms.join(' AND ');
}

/** Each actor once, with their role, in the order they first appear (newest first). */
export function actorsOf(entries: AccessLogEntry[]): { actor: string; role: string }[] {
  const seen = new Map<string, string>();
  for (const entry of entries) if (!seen.has(entry.actor)) seen.set(entry.actor, entry.role);
  return [...seen].map(([actor, role]) => ({ actor, role }));
}

/** The RPC's own name from the logged method ("/rinnalla.v1.Notes/GetClientTimeline"). */
export function methodOf(method: string): string {
  return method.split(/[/.]/).filter(Boolean).pop() ?? method;
}

export function whatWasDone(method: string): string {
  const key = `method.${methodOf(method)}`;
  return m.has(key) ? m(key) : method;
}

export function roleName(role: string): string {
  const key = `role.${role}`;
  return m.has(key) ? m(key) : role;
}

export function outcomeName(outcome: AccessLogEntry_Outcome): string {
  const key = `outcome.${AccessLogEntry_Outcome[outcome] ?? ''}`;
  return m.has(key) ? m(key) : String(AccessLogEntry_Outcome[outcome] ?? outcome);
}

export function logCsv(entries: AccessLogEntry[]): Cell[][] {
  return [
    [m('log.time'), m('log.actor'), m('log.actorId'), m('log.role'), m('log.organization'), m('log.what'), m('log.method'), m('log.outcome'), m('log.requestId')],
    ...entries.map((entry) => [
      entryTime(entry).toISOString(),
      actorName(entry.actor),
      entry.actor,
      roleName(entry.role),
      entry.actorOrganization,
      whatWasDone(entry.method),
      entry.method,
      outcomeName(entry.outcome),
      entry.requestId,
    ]),
  ];
}
