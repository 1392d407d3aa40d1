// Who was at a meeting, as the record's participants say it and as its checklist asks it: the
// client, the social worker and the guide present or not; anyone else (OTHER) is kept as recorded.
import { create } from '@bufbuild/protobuf';
import { ParticipantSchema, Participant_Role, type Participant } from '../../gen/rinnalla/v1/meetings_pb';
import type { Presence } from './meeting-rules';

export type Party = keyof Presence;

export const PARTY_ROLES: Record<Party, Participant_Role> = {
  client: Participant_Role.CLIENT,
  socialWorker: Participant_Role.SOCIAL_WORKER,
  guide: Participant_Role.GUIDE,
};
export const PARTIES = Object.keys(PARTY_ROLES) as Party[];

export function presenceOf(participants: Participant[]): Presence {
  const present = (role: Participant_Role) => participants.some((p) => p.role === role && p.present);
  return { client: present(Participant_Role.CLIENT), socialWorker: present(Participant_Role.SOCIAL_WORKER), guide: present(Participant_Role.GUIDE) };
}

export function presentParties(presence: Presence): Party[] {
  return PARTIES.filter((party) => presence[party]);
}

export function presenceFrom(parties: Party[]): Presence {
  return { client: parties.includes('client'), socialWorker: parties.includes('socialWorker'), guide: parties.includes('guide') };
}

/**
 * The participants of an amended record: each of the three parties' first entry with its presence
 * changed (its identity kept: the social worker who was there stays named), a party the record
 * lacked added with `identities` (the signed-in social worker, the assignment's guide), and every
 * other entry as it was.
 */
export function participantsWith(recorded: Participant[], presence: Presence, identities: { socialWorker: string; guide: string }): Participant[] {
  const seen = new Set<Participant_Role>();
  const result = recorded.map((p) => {
    const party = PARTIES.find((candidate) => PARTY_ROLES[candidate] === p.role);
    if (!party || seen.has(p.role)) return p;
    seen.add(p.role);
    return { ...p, present: presence[party] };
  });
  for (const party of PARTIES) {
    const role = PARTY_ROLES[party];
    if (seen.has(role) || !presence[party]) continue;
    const identity = party === 'client' ? '' : identities[party];
    result.push(create(ParticipantSchema, { role, identity, present: true }));
  }
  return result;
}
