// One client's access log as the auditor reads it: which client is meant, the entries kept by
// the filters (time and actor, refusals only), each entry's "what" in the user's language and
// the rows of the CSV export.
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { AccessLogEntry_Outcome, type AccessLogEntry } from '../../gen/rinnalla/v1/audit_pb';
import type { Cell } from '../csv';
import { m } from './messages';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The client's resource name from what the auditor typed (an id, or the resource name). */
export function clientNameOf(input: string, org: string): string | null {
  const text = input.trim();
  if (UUID.test(text)) return `organizations/${org}/clients/${text.toLowerCase()}`;
  const match = /^organizations\/([a-z0-9-]+)\/clients\/([0-9a-f-]{36})$/i.exec(text);
  if (match && match[1] === org && UUID.test(match[2]!)) return `organizations/${org}/clients/${match[2]!.toLowerCase()}`;
  return null;
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

export function filterEntries(entries: AccessLogEntry[], filter: LogFilter): AccessLogEntry[] {
  const from = day(filter.from);
  const until = day(filter.to, 1);
  return entries.filter((entry) => {
    const time = entryTime(entry).getTime();
    if (from !== null && time < from) return false;
    if (until !== null && time >= until) return false;
    if (filter.actor && entry.actor !== filter.actor) return false;
    if (filter.refusalsOnly && entry.outcome !== AccessLogEntry_Outcome.DENIED) return false;
    return true;
  });
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
    [m('log.time'), m('log.actor'), m('log.role'), m('log.organization'), m('log.what'), m('log.method'), m('log.outcome'), m('log.requestId')],
    ...entries.map((entry) => [
      entryTime(entry).toISOString(),
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
