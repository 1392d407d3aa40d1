// What the staff's client finder asks the server for: a record-system id as `external_ref`, else
// the words of a name as `display_name:` (spaces and control characters folded, at most what the
// server takes), quotes and backslashes escaped.
import { describe, expect, it } from 'vitest';
import { clientFilter } from '../src/staff/shared/client-search';

describe('the client finder', () => {
  it('asks for nothing when nothing is typed', () => {
    expect(clientFilter('')).toBe('');
    expect(clientFilter('  \t ')).toBe('');
  });

  it('searches a name by its words', () => {
    expect(clientFilter('virta')).toBe('display_name:"virta"');
    expect(clientFilter('  Aino \t  Virtanen\n')).toBe('display_name:"Aino Virtanen"');
    expect(clientFilter('Äijälä')).toBe('display_name:"Äijälä"');
    expect(clientFilter('a "b" c\\d')).toBe('display_name:"a \\"b\\" c\\\\d"');
    expect(clientFilter('a\u0001b')).toBe('display_name:"a b"');
  });

  it('keeps to what the server takes: ten words, two hundred characters', () => {
    expect(clientFilter('a b c d e f g h i j k l')).toBe('display_name:"a b c d e f g h i j"');
    expect(clientFilter('ä'.repeat(250))).toBe(`display_name:"${'ä'.repeat(200)}"`);
  });

  it('finds a record-system id as such, the system in lower case', () => {
    expect(clientFilter('apotti/12345')).toBe('external_ref = "apotti/12345"');
    expect(clientFilter(' Apotti/B-77 ')).toBe('external_ref = "apotti/B-77"');
    expect(clientFilter('lifecare/"x"')).toBe('external_ref = "lifecare/\\"x\\""');
  });
});
