// A client added by hand: CreateClient's rules checked before sending, in the user's language.
import { describe, expect, it } from 'vitest';
import { setLanguage } from '../src/shared/i18n/i18n';
import { clientProblems, recordIdsOf } from '../src/staff/social/client-rules';

const draft = { displayName: 'Aino Asiakas', recordIds: '', municipality: '', languages: [] };

describe('a client added by hand', () => {
  it('needs a name only; the rest is optional', () => {
    setLanguage('en');
    expect(clientProblems(draft)).toEqual([]);
    expect(clientProblems({ ...draft, displayName: '  ' })).toEqual(['Write the client’s name.']);
    expect(clientProblems({ ...draft, displayName: 'x'.repeat(201) })).toEqual(['The name is too long (at most 200 characters).']);
  });

  it('reads record-system ids as system/id, each once, the system as the server names them', () => {
    expect(recordIdsOf(' apotti/12345, lifecare/A/7 ,')).toEqual([
      { system: 'apotti', id: '12345' },
      { system: 'lifecare', id: 'A/7' },
    ]);
    expect(clientProblems({ ...draft, recordIds: 'apotti/12345, pro.consona_2/X-1' })).toEqual([]);
    expect(clientProblems({ ...draft, recordIds: '12345' })[0]).toMatch(/^The id 12345 is not written as system\/id/);
    expect(clientProblems({ ...draft, recordIds: 'Apotti/1' })[0]).toMatch(/^The id Apotti\/1 is not/);
    expect(clientProblems({ ...draft, recordIds: 'apotti/' })).toHaveLength(1);
    expect(clientProblems({ ...draft, recordIds: 'apotti/1, apotti/1' })).toEqual(['The id apotti/1 is there twice.']);
    const many = Array.from({ length: 21 }, (_, i) => `apotti/${i}`).join(',');
    expect(clientProblems({ ...draft, recordIds: many })).toEqual(['There can be at most 20 ids.']);
  });

  it('takes a three-digit municipality code when one is given', () => {
    expect(clientProblems({ ...draft, municipality: '398' })).toEqual([]);
    expect(clientProblems({ ...draft, municipality: '39' })).toHaveLength(1);
  });
});
