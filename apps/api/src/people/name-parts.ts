/** Letters that carry their accent in the letter itself, so that NFKD leaves them whole: folded as people type them without. */
const foldings: Readonly<Record<string, string>> = { ß: 'ss', æ: 'ae', œ: 'oe', þ: 'th', ø: 'o', đ: 'd', ð: 'd', ł: 'l', ħ: 'h', ŧ: 't', ı: 'i' };
const folded = new RegExp(`[${Object.keys(foldings).join('')}]`, 'gu');

/** Apostrophes of every kind people type in a name (O'Brien, O’Brien, D`Souza). */
const apostrophes = /['’ʼ‘`´]/gu;

/** A word of a name: letters, with apostrophes inside it. */
const word = /[\p{L}'’ʼ‘`´]+/gu;

/** Lower case without accents: NFKD after lower-casing (so that "İ" loses its dot too), combining marks dropped, the letters above folded. */
const plain = (text: string): string =>
  text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(folded, (letter) => foldings[letter] ?? letter);

/**
 * The parts of a name as a search matches them: any case, accents ignored, split wherever there
 * is anything but a letter ("Anne-Marie" is "anne" and "marie"), an apostrophe dropped inside a
 * word ("O'Brien" is "obrien"). Each part once, in the order first met.
 */
export const nameParts = (text: string): string[] => {
  const parts = (plain(text).match(word) ?? []).map((each) => each.replace(apostrophes, '')).filter((each) => each.length > 0);
  return [...new Set(parts)];
};

/**
 * What is kept for a name: its parts, and also the pieces either side of each apostrophe, so
 * that "O'Brien" is found by "obrien", "o'brien", "o brien" and "brien" alike.
 */
export const indexedNameParts = (text: string): string[] => {
  const pieces = (plain(text).match(word) ?? []).flatMap((each) => [each.replace(apostrophes, ''), ...each.split(apostrophes)]).filter((each) => each.length > 0);
  return [...new Set(pieces)];
};

const calendarDate = /^\d{4}-\d{2}-\d{2}$/;

/** What a search box's text asks for: the name parts it holds, and the dates (`YYYY-MM-DD`, taken as dates of birth). */
export const searchTermsOf = (text: string): { nameParts: string[]; datesOfBirth: string[] } => {
  const words = text.split(/\s+/u).filter((each) => each.length > 0);
  const dates = words.filter((each) => calendarDate.test(each));
  return { nameParts: nameParts(words.filter((each) => !calendarDate.test(each)).join(' ')), datesOfBirth: [...new Set(dates)] };
};
