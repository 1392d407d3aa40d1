// Amending a held meeting's record: what the amendment needs before it is sent, the participants
// it sends (identities kept, anyone else untouched) and what each revision changed, in words.
import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { describe, expect, it } from 'vitest';
import { ExperienceArea } from '../src/gen/rinnalla/v1/common_pb';
import { MeetingOutcomeSchema, Meeting_Kind, Participant_Role } from '../src/gen/rinnalla/v1/meetings_pb';
import { setLanguage } from '../src/shared/i18n/i18n';
import { participantsWith, presenceOf } from '../src/staff/social/meeting-parties';
import { amendProblems, heldProblems } from '../src/staff/social/meeting-rules';
import { outcomeChanges, wordChange } from '../src/staff/social/outcome-changes';

const all = { client: true, socialWorker: true, guide: true };
const now = new Date(2026, 5, 10, 12, 0);
const amendment = { held: '2026-06-10T09:30', presence: all, needs: [], summary: '', reason: 'Väärä aika' };
const guide = 'organizations/o/guides/g1';

describe('an amendment', () => {
  it('needs its reason, a time held that is not ahead, and the three parties where the record needed them', () => {
    setLanguage('en');
    expect(amendProblems(Meeting_Kind.INITIAL, amendment, now)).toEqual([]);
    expect(amendProblems(Meeting_Kind.INITIAL, { ...amendment, reason: '  ' }, now)).toEqual(['Write why it is amended.']);
    expect(amendProblems(Meeting_Kind.CLOSING, { ...amendment, presence: { ...all, guide: false } }, now)).toEqual([
      'This meeting needs the client, the social worker and the guide present.',
    ]);
    expect(amendProblems(Meeting_Kind.REVIEW, { ...amendment, presence: { ...all, guide: false } }, now)).toEqual([]);
    expect(amendProblems(Meeting_Kind.REVIEW, { ...amendment, held: null }, now)).toEqual(['Write when the meeting was held: the day and the time.']);
    expect(heldProblems('2026-06-10T12:01', now)).toEqual(['The meeting cannot have been held in the future. Check the day and the time.']);
    expect(amendProblems(Meeting_Kind.REVIEW, { ...amendment, needs: [{ area: 0, description: 'Rahat' }] }, now)).toEqual([
      'Support need 1: pick the area of life.',
    ]);
    expect(amendProblems(Meeting_Kind.REVIEW, { ...amendment, summary: 'x'.repeat(8001) }, now)).toEqual(['The summary is too long: at most 8000 characters.']);
  });

  it('changes the three parties’ presence, keeps who they were and anyone else, and adds a party the record lacked', () => {
    const recorded = [
      { role: Participant_Role.CLIENT, present: true },
      { role: Participant_Role.SOCIAL_WORKER, identity: 'users/first', present: true },
      { role: Participant_Role.OTHER, displayName: 'Kelan virkailija', present: true },
    ].map((p) => create(MeetingOutcomeSchema, { participants: [p] }).participants[0]!);
    const sent = participantsWith(recorded, { client: false, socialWorker: true, guide: true }, { socialWorker: 'users/me', guide });
    expect(sent.map((p) => [Participant_Role[p.role], p.identity, p.displayName, p.present])).toEqual([
      ['CLIENT', '', '', false],
      ['SOCIAL_WORKER', 'users/first', '', true],
      ['OTHER', '', 'Kelan virkailija', true],
      ['GUIDE', guide, '', true],
    ]);
    expect(presenceOf(sent)).toEqual({ client: false, socialWorker: true, guide: true });
    // A party not present and not in the record is not added.
    expect(participantsWith(recorded, { ...all, guide: false }, { socialWorker: 'users/me', guide })).toHaveLength(3);
  });
});

describe('what a revision changed', () => {
  const outcome = (held: Date, present: { guide: boolean; other?: boolean }, needs: [ExperienceArea, string][], summary: string) =>
    create(MeetingOutcomeSchema, {
      heldTime: timestampFromDate(held),
      participants: [
        { role: Participant_Role.CLIENT, present: true },
        { role: Participant_Role.SOCIAL_WORKER, identity: 'users/me', present: true },
        { role: Participant_Role.GUIDE, identity: guide, present: present.guide },
        ...(present.other === undefined ? [] : [{ role: Participant_Role.OTHER, displayName: 'Tulkki', present: present.other }]),
      ],
      supportNeeds: needs.map(([area, description]) => ({ area, description })),
      summary,
    });
  const first = outcome(new Date(2026, 5, 10, 9, 0), { guide: true }, [[ExperienceArea.MENTAL_HEALTH, 'Yksinäisyys'], [ExperienceArea.DEBT, 'Velat']], 'Alku');

  it('is nothing when nothing changed', () => {
    expect(outcomeChanges(first, first)).toEqual([]);
  });

  it('names the time held, each party, each need added and removed, and the summary, in the user language', () => {
    const second = outcome(
      new Date(2026, 5, 10, 9, 30),
      { guide: false, other: true },
      [[ExperienceArea.MENTAL_HEALTH, 'Yksinäisyys'], [ExperienceArea.DEBT, 'Velat ja vuokra']],
      'Alku, korjattu',
    );
    setLanguage('en');
    expect(outcomeChanges(first, second).map((change) => wordChange(change, 'Greta Grönlund'))).toEqual([
      'Held: 10 Jun 2026, 09:00 → 10 Jun 2026, 09:30',
      'The guide Greta Grönlund: marked not present',
      'Tulkki: marked present',
      'Support need removed: Debt: Velat',
      'Support need added: Debt: Velat ja vuokra',
      'The summary was rewritten',
    ]);
    setLanguage('fi');
    expect(outcomeChanges(second, first).map((change) => wordChange(change, 'Greta Grönlund'))).toEqual([
      'Pidetty: 10.6.2026 klo 9.30 → 10.6.2026 klo 9.00',
      'Kokemusohjaaja Greta Grönlund: merkitty läsnä olleeksi',
      'Tulkki: merkitty poissa olleeksi',
      'Tuen tarve poistettu: Velat: Velat ja vuokra',
      'Tuen tarve lisätty: Velat: Velat',
      'Yhteenveto kirjoitettu uudelleen',
    ]);
  });
});
