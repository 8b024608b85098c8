import type { Queryable } from '@safer-cases/projections';
import { MasterKey } from './master-key';
import { PersonSearchIndex } from './person-search-index';

type Statement = { text: string; values: unknown[] };

/** A database that keeps every statement sent to it and answers no rows. */
const recording = (): Queryable & { statements: Statement[] } => {
  const statements: Statement[] = [];
  const query = async (text: string, values: unknown[] = []) => {
    statements.push({ text, values });
    return { rows: [], rowCount: 0 };
  };
  return { statements, query: query as unknown as Queryable['query'] };
};

const hex = (terms: unknown): string[] => (terms as Buffer[]).map((term) => term.toString('hex')).sort();

const zoe = { givenName: 'Zoë', familyName: 'Müller', dateOfBirth: '1990-02-28', contact: '020 7946 0018' };

describe('the person search index', () => {
  const index = new PersonSearchIndex(MasterKey.fromBytes(Buffer.alloc(32, 7)));

  const written = async (fields: typeof zoe | Partial<typeof zoe>, on = index): Promise<string[]> => {
    const db = recording();
    await on.write(db, 'person-1', 'subject', fields);
    return hex(db.statements[0].values[1]);
  };

  const searched = async (text: string, on = index): Promise<string[] | undefined> => {
    const db = recording();
    await on.find(db, text);
    return db.statements[0] ? hex(db.statements[0].values[0]) : undefined;
  };

  it('keeps a 16-byte keyed hash for each part of the name and for the date of birth, and nothing of the contact details', async () => {
    const db = recording();
    await index.write(db, 'person-1', 'subject', zoe);
    const terms = db.statements[0].values[1] as Buffer[];
    expect(terms).toHaveLength(3);
    expect(terms.every((term) => term.length === 16)).toBe(true);
    const stored = JSON.stringify(db.statements[0].values) + terms.map((term) => term.toString('latin1')).join('');
    for (const plain of ['Zoë', 'zoe', 'Müller', 'muller', '1990', '0018']) expect(stored).not.toContain(plain);
  });

  it('asks for exactly the hashes the name holds, whatever the order, case and accents of the words searched', async () => {
    const held = await written(zoe);
    const byName = await searched('muller zoe');
    expect(byName).toHaveLength(2);
    expect(held).toEqual(expect.arrayContaining(byName ?? []));
    for (const typed of ['ZOE MÜLLER', 'Müller, Zoë', 'zoe\u0308 mu\u0308ller']) await expect(searched(typed)).resolves.toEqual(byName);
  });

  it('asks for the date of birth by its own hash, never one a name part could have', async () => {
    const byDate = await searched('1990-02-28');
    expect(byDate).toHaveLength(1);
    expect(await written({ dateOfBirth: '1990-02-28' })).toEqual(byDate);
    expect(await written({ givenName: '1990-02-28' })).toEqual([]);
    await expect(searched('muller 1990-02-28')).resolves.toHaveLength(2);
  });

  it('asks nothing of the database for text with neither a name nor a date in it', async () => {
    const db = recording();
    await expect(index.find(db, '5120/26')).resolves.toBeUndefined();
    expect(db.statements).toEqual([]);
  });

  it('gives other hashes under another master key, so that the hashes alone cannot be tested against a guess', async () => {
    const other = new PersonSearchIndex(MasterKey.fromBytes(Buffer.alloc(32, 9)));
    const mine = await written(zoe);
    const theirs = await written(zoe, other);
    expect(theirs).toHaveLength(mine.length);
    expect(theirs.filter((term) => mine.includes(term))).toEqual([]);
  });

  it('indexes victims and volunteers as it indexes subjects, so that the administrators can find anyone', async () => {
    const subject = await written(zoe);
    for (const kind of ['victim', 'volunteer'] as const) {
      const db = recording();
      await index.write(db, 'person-2', kind, zoe);
      expect(db.statements).toHaveLength(1);
      expect(hex(db.statements[0].values[1])).toEqual(subject);
    }
  });
});
