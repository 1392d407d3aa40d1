// Reads the guide's clients from the server into the phone's cache: the clients with an ACTIVE or
// PAUSED assignment to the guide, and for each the agreed goals, the next meeting and the guide's
// own recent visits and notes. A client no longer listed, or refused (PERMISSION_DENIED), is
// removed from the phone with everything kept of them.
import { Code, ConnectError } from '@connectrpc/connect';
import { Assignment_State, type Assignment } from '../../gen/rinnalla/v1/matching_pb';
import { Goal_State } from '../../gen/rinnalla/v1/meetings_pb';
import { directory, matching, meetings, notes, visits } from '../../shared/api/clients';
import type { Session } from '../../shared/auth/session';
import { replaceClients, type ClientRecord } from '../store/client-cache';

const RECENT = 5;

async function openAssignments(session: Session): Promise<Assignment[]> {
  const found: Assignment[] = [];
  let pageToken = '';
  do {
    const page = await matching.listAssignments({
      parent: `organizations/${session.org}`,
      filter: `guide = "${session.sub}"`,
      pageSize: 500,
      pageToken,
    });
    found.push(...page.assignments);
    pageToken = page.nextPageToken;
  } while (pageToken);
  return found.filter((a) => a.state === Assignment_State.ACTIVE || a.state === Assignment_State.PAUSED);
}

async function readClient(session: Session, assignment: Assignment): Promise<ClientRecord | null> {
  const name = assignment.client;
  try {
    const [client, goals, upcoming, ownVisits, ownNotes] = await Promise.all([
      directory.getClient({ name }),
      meetings.listGoals({ parent: name, filter: 'state = AGREED', pageSize: 100 }),
      meetings.listMeetings({ parent: name, filter: 'when = UPCOMING', pageSize: 20 }),
      visits.listVisits({ parent: name, filter: `guide = "${session.sub}"`, pageSize: RECENT }),
      notes.listProgressNotes({ parent: name, filter: 'author_role = GUIDE', pageSize: RECENT }),
    ]);
    const nextMeeting =
      upcoming.meetings
        .filter((m) => m.assignment === assignment.name && m.scheduledTime)
        .sort((a, b) => Number(a.scheduledTime!.seconds - b.scheduledTime!.seconds))[0] ?? null;
    return {
      name,
      client,
      assignment,
      goals: goals.goals.filter((g) => g.assignment === assignment.name && g.state === Goal_State.AGREED),
      nextMeeting,
      visits: ownVisits.visits,
      notes: ownNotes.notes.filter((n) => n.author === session.sub),
      fetchTime: new Date().toISOString(),
    };
  } catch (error) {
    if (ConnectError.from(error).code === Code.PermissionDenied) return null; // access ended
    throw error;
  }
}

export async function refreshClients(session: Session): Promise<void> {
  const assignments = await openAssignments(session);
  const records = await Promise.all(assignments.map((assignment) => readClient(session, assignment)));
  await replaceClients(records.filter((record): record is ClientRecord => record !== null));
}
