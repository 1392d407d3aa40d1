// The social worker's wording: suggestion reasons from their facts, refusals from their reason
// and metadata, and what a new referral needs.
import { create } from '@bufbuild/protobuf';
import { describe, expect, it } from 'vitest';
import { ExperienceArea } from '../src/gen/rinnalla/v1/common_pb';
import { SuggestionReasonSchema } from '../src/gen/rinnalla/v1/matching_pb';
import { setLanguage } from '../src/shared/i18n/i18n';
import { explainReason, reasonShare } from '../src/staff/social/reason-words';
import { referralProblems } from '../src/staff/social/referral-rules';
import { refusalFromStatusJson } from '../src/shared/api/refusal';
import { wordRefusal } from '../src/staff/social/refusal-words';

const needs = create(SuggestionReasonSchema, {
  criterion: 'NEEDS',
  contribution: 40,
  explanation: 'Lived experience of 2 of the client’s 3 needs: mental health, debt',
  facts: {
    case: 'needs',
    value: {
      needs: [ExperienceArea.MENTAL_HEALTH, ExperienceArea.DEBT, ExperienceArea.HOMELESSNESS],
      covered: [ExperienceArea.MENTAL_HEALTH, ExperienceArea.DEBT],
    },
  },
});

describe('suggestion reasons', () => {
  it('word the needs covered in the user language', () => {
    setLanguage('fi');
    expect(explainReason(needs)).toBe('Omakohtainen kokemus 2/3 asiakkaan tarpeesta: Mielenterveys ja Velat');
    setLanguage('sv');
    expect(explainReason(needs)).toMatch(/^Egen erfarenhet av 2 av klientens 3 behov: /);
    setLanguage('en');
    expect(explainReason(needs)).toBe("Lived experience of 2 of the client's 3 needs: Mental health and Debt");
  });

  it('word no needs covered, the municipality, the caseload and continuity from their facts', () => {
    setLanguage('en');
    const none = create(SuggestionReasonSchema, { criterion: 'NEEDS', facts: { case: 'needs', value: { needs: [1, 2], covered: [] } } });
    expect(explainReason(none)).toBe("No lived experience of the client's needs (2)");
    const place = create(SuggestionReasonSchema, {
      criterion: 'MUNICIPALITY',
      facts: { case: 'municipality', value: { municipality: '398', guideWorksThere: false } },
    });
    expect(explainReason(place)).toBe("Does not work in the client's municipality (398)");
    const caseload = create(SuggestionReasonSchema, {
      criterion: 'CASELOAD',
      contribution: 6,
      facts: { case: 'caseload', value: { placesTaken: 2, placesFree: 3, maxActiveClients: 5 } },
    });
    expect(explainReason(caseload)).toBe('3 places free, 2 of 5 taken');
    expect(reasonShare(caseload)).toBeCloseTo(0.6);
    const before = create(SuggestionReasonSchema, { criterion: 'CONTINUITY', facts: { case: 'continuity', value: { guidedBefore: true } } });
    setLanguage('fi');
    expect(explainReason(before)).toBe('On ohjannut tätä asiakasta aiemmin');
  });

  it('fall back to the server sentence for a criterion without facts', () => {
    const unknown = create(SuggestionReasonSchema, { criterion: 'NEW_ONE', contribution: 5, explanation: 'Something new' });
    expect(explainReason(unknown)).toBe('Something new');
    expect(reasonShare(unknown)).toBeCloseTo(0.05);
    expect(reasonShare(create(SuggestionReasonSchema, { criterion: 'NEEDS', contribution: 90 }))).toBe(1);
  });
});

describe('refusals of the social worker', () => {
  const refusal = (reason: string, metadata: Record<string, string> = {}) => ({
    code: 'FAILED_PRECONDITION',
    reason,
    message: 'english',
    fields: [],
    metadata,
  });

  it('word GUIDE_AT_CAPACITY with its places', () => {
    setLanguage('fi');
    expect(wordRefusal(refusal('GUIDE_AT_CAPACITY', { active_client_count: '5', max_active_clients: '5' }))).toBe(
      'Ohjaajalla ei ole tilaa: 5/5 paikkaa on käytössä. Valitse toinen ohjaaja.',
    );
    setLanguage('en');
    expect(wordRefusal(refusal('GUIDE_AT_CAPACITY', { active_client_count: '3', max_active_clients: '3' }))).toMatch(/3 of 3 places/);
  });

  it('word states in the metadata, and the exclusion and assignment refusals', () => {
    setLanguage('en');
    expect(wordRefusal(refusal('GUIDE_NOT_ACTIVE', { guide_state: 'ON_BREAK' }))).toBe('The guide is not taking clients now (state: on a break).');
    expect(wordRefusal(refusal('REFERRAL_NOT_OPEN', { referral_state: 'MATCHED' }))).toMatch(/state: Guide chosen/);
    expect(wordRefusal(refusal('GUIDE_EXCLUDED'))).toMatch(/I know this person/);
    expect(wordRefusal(refusal('CLIENT_ALREADY_ASSIGNED'))).toMatch(/already has an experience guide/);
    expect(wordRefusal(refusal('THREE_PARTIES_REQUIRED'))).toMatch(/client, the social worker and the guide/);
  });

  it('read the facts from a REST error body too', () => {
    setLanguage('en');
    const refusal = refusalFromStatusJson({
      code: 9,
      message: "the guide's caseload is full",
      details: [
        {
          '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
          reason: 'GUIDE_AT_CAPACITY',
          domain: 'rinnalla.fi',
          metadata: { active_client_count: '4', max_active_clients: '4' },
        },
      ],
    });
    expect(wordRefusal(refusal)).toBe('The guide has no room: 4 of 4 places are taken. Choose another guide.');
  });

  it('leave reasons of no area of theirs to the shared wording, then the server message', () => {
    setLanguage('en');
    expect(wordRefusal(refusal('NOT_PERMITTED'))).toMatch(/./);
    expect(wordRefusal(refusal('NOT_PERMITTED'))).not.toBe('english');
    expect(wordRefusal(refusal('SOMETHING_NEW'))).toBe('english');
  });
});

describe('a new referral', () => {
  const good = { client: 'organizations/o/clients/c', needs: [1], languages: ['fi'], municipality: '398', note: '' };
  it('needs a client, a need, a language and a three-digit municipality', () => {
    setLanguage('en');
    expect(referralProblems(good)).toEqual([]);
    expect(referralProblems({ ...good, client: '', needs: [], languages: [], municipality: '39' })).toEqual([
      'Pick the client.',
      'Pick at least one need.',
      'Pick at least one language.',
      'A municipality code is three digits, for example 398.',
    ]);
    expect(referralProblems({ ...good, note: 'x'.repeat(4001) })).toEqual(['The note is too long.']);
    expect(referralProblems({ ...good, note: 'x'.repeat(4000) })).toEqual([]);
  });
});
