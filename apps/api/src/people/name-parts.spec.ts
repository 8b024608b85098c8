import { indexedNameParts, nameParts, searchTermsOf } from './name-parts';

describe('name parts', () => {
  it('ignores case and accents, whether typed as one character or as a letter and its mark', () => {
    expect(nameParts('Zoë Müller')).toEqual(['zoe', 'muller']);
    expect(nameParts('ZOE\u0308 MU\u0308LLER')).toEqual(['zoe', 'muller']);
    expect(nameParts('Séverine Łukasz-Ørsted')).toEqual(['severine', 'lukasz', 'orsted']);
  });

  it('folds letters that carry their accent in the letter itself as people type them without', () => {
    expect(nameParts('Straße Æsa Þóra Đorđe İlkay')).toEqual(['strasse', 'aesa', 'thora', 'dorde', 'ilkay']);
    expect(nameParts('STRAẞE')).toEqual(['strasse']);
  });

  it('splits on anything but a letter, and keeps each part once', () => {
    expect(nameParts('  Anne-Marie,  de la Cruz 3rd  anne ')).toEqual(['anne', 'marie', 'de', 'la', 'cruz', 'rd']);
    expect(nameParts('1990 — ?')).toEqual([]);
  });

  it('drops an apostrophe inside a word, of whichever kind', () => {
    for (const typed of ["O'Brien", 'O’Brien', 'Oʼbrien', 'o`brien']) expect(nameParts(typed)).toEqual(['obrien']);
  });

  it('keeps, for a name, the pieces either side of an apostrophe as well as the whole word', () => {
    expect(indexedNameParts("Siobhán O'Brien")).toEqual(['siobhan', 'obrien', 'o', 'brien']);
    expect(indexedNameParts('Zoë Müller')).toEqual(['zoe', 'muller']);
  });

  it('keeps letters of every script', () => {
    expect(nameParts('Νίκος Παπαδόπουλος')).toEqual(['νικος', 'παπαδοπουλος']);
    expect(nameParts('Дмитрий Иванов')).toEqual(['дмитрии', 'иванов']);
  });
});

describe('search terms', () => {
  it('takes a YYYY-MM-DD word as a date of birth and the other words as parts of a name, in any order', () => {
    expect(searchTermsOf('muller 1990-02-28 ZOË')).toEqual({ nameParts: ['muller', 'zoe'], datesOfBirth: ['1990-02-28'] });
    expect(searchTermsOf('1990-02-28')).toEqual({ nameParts: [], datesOfBirth: ['1990-02-28'] });
  });

  it('finds nothing to match by name or date in text of neither', () => {
    expect(searchTermsOf('5120/26')).toEqual({ nameParts: [], datesOfBirth: [] });
    expect(searchTermsOf('28/02/1990')).toEqual({ nameParts: [], datesOfBirth: [] });
  });
});
