import { describe, expect, it } from 'vitest';
import { Visit_Mode } from '../src/gen/rinnalla/v1/visits_pb';
import { ServicePlace } from '../src/gen/rinnalla/v1/common_pb';
import { noteProblems, visitProblems } from '../src/guide/rules';
import { newNoteDraft, newVisitDraft, type VisitDraft } from '../src/guide/store/drafts';
import { addProgressNoteRequest, logVisitRequest } from '../src/guide/sync/requests';
import { toJson } from '@bufbuild/protobuf';
import { LogVisitRequestSchema } from '../src/gen/rinnalla/v1/visits_pb';

const client = 'organizations/o/clients/c';
const assignment = 'organizations/o/assignments/a';
const now = new Date('2026-05-04T10:00:00Z');

describe('a visit draft', () => {
  it('is made with its own visit id and request id', () => {
    const a = newVisitDraft(client, assignment, now);
    const b = newVisitDraft(client, assignment, now);
    expect(a.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.requestId).not.toBe(a.id);
    expect(b.id).not.toBe(a.id);
  });

  it('needs a mode, a length of 1..1440 minutes and a start not in the future', () => {
    const draft = newVisitDraft(client, assignment, now);
    expect(visitProblems(draft, now).map((p) => p.key)).toEqual(['check.mode']);
    draft.mode = Visit_Mode.PHONE;
    expect(visitProblems(draft, now)).toEqual([]);
    expect(visitProblems({ ...draft, durationMinutes: 0 }, now).map((p) => p.key)).toEqual(['check.duration']);
    expect(visitProblems({ ...draft, durationMinutes: 1441 }, now).map((p) => p.key)).toEqual(['check.duration']);
    const later = new Date(now.getTime() + 6 * 60 * 1000).toISOString();
    expect(visitProblems({ ...draft, startTime: later }, now).map((p) => p.key)).toEqual(['check.future']);
    expect(visitProblems({ ...draft, summary: 'x'.repeat(4001) }, now).map((p) => p.key)).toEqual(['check.tooLong']);
  });

  it('when ACCOMPANIED needs a place, and per place the appointment and who acted', () => {
    const draft = { ...newVisitDraft(client, assignment, now), mode: Visit_Mode.ACCOMPANIED };
    expect(visitProblems(draft, now).map((p) => p.key)).toEqual(['check.needPlace']);
    const withPlace: VisitDraft = {
      ...draft,
      places: [ServicePlace.KELA],
      outcomes: [{ place: ServicePlace.KELA, appointment: 0, actions: [], acting: 0, note: '' }],
    };
    expect(visitProblems(withPlace, now)).toEqual([
      { key: 'check.needAppointment', place: ServicePlace.KELA },
      { key: 'check.needActing', place: ServicePlace.KELA },
    ]);
    withPlace.outcomes = [{ place: ServicePlace.KELA, appointment: 1, actions: [1], acting: 2, note: '' }];
    expect(visitProblems(withPlace, now)).toEqual([]);
  });

  it('becomes a LogVisitRequest with place outcomes only when ACCOMPANIED', () => {
    const draft = {
      ...newVisitDraft(client, assignment, now),
      mode: Visit_Mode.ACCOMPANIED,
      places: [ServicePlace.KELA],
      outcomes: [{ place: ServicePlace.KELA, appointment: 1, actions: [1], acting: 2, note: 'hakemus' }],
      goals: [`${client}/goals/g`],
      summary: 'Kelassa',
    };
    const json = toJson(LogVisitRequestSchema, logVisitRequest(draft)) as Record<string, any>;
    expect(json).toMatchObject({
      parent: client,
      visitId: draft.id,
      requestId: draft.requestId,
      visit: {
        assignment,
        startTime: '2026-05-04T10:00:00Z',
        durationMinutes: 60,
        mode: 'ACCOMPANIED',
        places: ['KELA'],
        goals: [`${client}/goals/g`],
        placeOutcomes: [
          { place: 'KELA', appointment: 'KEPT', actions: ['APPLICATION_FILED'], acting: 'CLIENT_WITH_GUIDE', note: 'hakemus' },
        ],
      },
    });
    const phone = toJson(LogVisitRequestSchema, logVisitRequest({ ...draft, mode: Visit_Mode.PHONE })) as Record<string, any>;
    expect(phone.visit.placeOutcomes).toBeUndefined();
  });
});

describe('a note draft', () => {
  it('needs words or a rating', () => {
    const draft = newNoteDraft(client, assignment, now);
    expect(noteProblems(draft).map((p) => p.key)).toEqual(['check.noteEmpty']);
    expect(noteProblems({ ...draft, ratings: [{ goal: 'g', score: 1 }] })).toEqual([]);
    expect(noteProblems({ ...draft, text: 'x'.repeat(8001) }).map((p) => p.key)).toEqual(['check.tooLong']);
  });

  it('sends the client own ratings only when the client rates with the guide', () => {
    const draft = {
      ...newNoteDraft(client, assignment, now),
      ratings: [{ goal: 'g', score: 1 }],
      clientRatings: [{ goal: 'g', score: 2 }],
    };
    expect(addProgressNoteRequest(draft).note!.goalRatings.map((r) => [r.score, r.ratedBy])).toEqual([[1, 2]]);
    expect(
      addProgressNoteRequest({ ...draft, clientRates: true }).note!.goalRatings.map((r) => [r.score, r.ratedBy]),
    ).toEqual([
      [1, 2],
      [2, 1],
    ]);
  });
});
