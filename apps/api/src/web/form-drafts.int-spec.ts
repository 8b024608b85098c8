import { migrate } from '@safer-cases/database';
import { createTestDatabase } from '@safer-cases/testing/test-database';
import { randomUUID } from 'node:crypto';
import { UserStore } from '../auth/user.store';
import { MasterKey } from '../people/master-key';
import { PgDatabase } from '../shared/database';
import { FormDraft, FormDrafts } from './form-drafts';

const masterKey = MasterKey.fromBytes(Buffer.alloc(32, 3));
const page = '/referrals/new/restorative-justice';

/** A refused referral, as a referrer typed it: a name and a date of birth among its fields. */
const referral: FormDraft = {
  form: {
    givenName: 'Zoë',
    familyName: 'Fairweather',
    'subjectDateOfBirth-day': '29',
    'subjectDateOfBirth-month': '2',
    'subjectDateOfBirth-year': '2004',
    indicators: ['Regular truancy', 'Missing from home'],
  },
  errors: { summary: [{ text: 'Enter offence', href: '#offenceType' }], fields: { offenceType: { text: 'Enter offence' } } },
  reason: 'refused',
};

describe('form drafts', () => {
  let database: PgDatabase;
  let drafts: FormDrafts;
  let referrer: string;
  let colleague: string;

  beforeAll(async () => {
    const url = await createTestDatabase();
    await migrate(url);
    database = new PgDatabase(url);
    drafts = new FormDrafts(database, masterKey);
    const users = new UserStore(database);
    [referrer, colleague] = [randomUUID(), randomUUID()];
    await users.insert({ id: referrer, username: `referrer-${referrer.slice(0, 8)}`, passwordHash: 'not used here', role: 'referrer', organisation: 'police' });
    await users.insert({ id: colleague, username: `referrer-${colleague.slice(0, 8)}`, passwordHash: 'not used here', role: 'referrer', organisation: 'police' });
  });
  afterAll(() => database.pool.end());

  const rowOf = async (id: string) => (await database.pool.query<{ sealed: Buffer; expires_at: Date }>('select sealed, expires_at from form_drafts where id = $1', [id])).rows[0];

  it('gives a draft back once, to its user, on its page, as it was typed: it is deleted as it is read', async () => {
    const id = await drafts.keep(referrer, page, referral);
    await expect(drafts.take(id, referrer, page)).resolves.toEqual(referral);
    await expect(drafts.take(id, referrer, page)).resolves.toBeUndefined();
    expect(await rowOf(id)).toBeUndefined();
  });

  it('keeps what was typed sealed: none of it is in the table, and it opens under no other master key', async () => {
    const id = await drafts.keep(referrer, page, referral);
    const { sealed } = await rowOf(id);
    for (const typed of ['Zoë', 'Fairweather', 'Fairweather'.toLowerCase(), 'Regular truancy', 'Enter offence']) expect(sealed.includes(Buffer.from(typed, 'utf8'))).toBe(false);
    const underAnotherKey = new FormDrafts(database, MasterKey.fromBytes(Buffer.alloc(32, 4)));
    await expect(underAnotherKey.take(id, referrer, page)).resolves.toBeUndefined();
  });

  it('gives a draft to no other user and on no other page, and keeps it meanwhile for its own', async () => {
    const id = await drafts.keep(referrer, page, referral);
    await expect(drafts.take(id, colleague, page)).resolves.toBeUndefined();
    await expect(drafts.take(id, referrer, '/referrals/new/conditional-caution')).resolves.toBeUndefined();
    await expect(drafts.take(id, referrer, page)).resolves.toEqual(referral);
  });

  it('does not open a sealed draft copied onto another user’s draft', async () => {
    const own = await drafts.keep(referrer, page, referral);
    const theirs = await drafts.keep(colleague, page, { ...referral, form: { givenName: 'Sam' } });
    await database.pool.query('update form_drafts set sealed = (select sealed from form_drafts where id = $1) where id = $2', [own, theirs]);
    await expect(drafts.take(theirs, colleague, page)).resolves.toBeUndefined();
  });

  it('lasts half an hour by the database’s clock, and is gone once that is over', async () => {
    const id = await drafts.keep(referrer, page, referral);
    const { rows } = await database.pool.query<{ seconds: number }>('select extract(epoch from expires_at - now())::int as seconds from form_drafts where id = $1', [id]);
    expect(rows[0].seconds).toBeGreaterThan(29 * 60);
    expect(rows[0].seconds).toBeLessThanOrEqual(30 * 60);
    await database.pool.query(`update form_drafts set expires_at = now() - interval '1 second' where id = $1`, [id]);
    await expect(drafts.take(id, referrer, page)).resolves.toBeUndefined();
  });

  it('clears away dead drafts whenever one is kept', async () => {
    const dead = await drafts.keep(referrer, page, referral);
    await database.pool.query(`update form_drafts set expires_at = now() - interval '1 second' where id = $1`, [dead]);
    await drafts.keep(colleague, page, referral);
    expect(await rowOf(dead)).toBeUndefined();
  });

  it('never keeps a password, nor the form’s CSRF token', async () => {
    const id = await drafts.keep(referrer, '/admin', {
      form: { username: 'new.colleague', password: 'correct horse battery staple', newPassword: 'another one entirely', _csrf: 'a token', role: 'referrer' },
      errors: { summary: [{ text: 'Username is taken' }], fields: {} },
      reason: 'refused',
    });
    await expect(drafts.take(id, referrer, '/admin')).resolves.toEqual({
      form: { username: 'new.colleague', role: 'referrer' },
      errors: { summary: [{ text: 'Username is taken' }], fields: {} },
      reason: 'refused',
    });
    const again = await drafts.keep(referrer, '/admin', { form: { password: 'correct horse battery staple' }, errors: { summary: [], fields: {} }, reason: 'signed-out' });
    await expect(drafts.take(again, referrer, '/admin')).resolves.toEqual({ form: {}, errors: { summary: [], fields: {} }, reason: 'signed-out' });
  });

  it('answers nothing for an id that is not a draft’s', async () => {
    await expect(drafts.take("'; drop table form_drafts; --", referrer, page)).resolves.toBeUndefined();
    await expect(drafts.take('', referrer, page)).resolves.toBeUndefined();
  });

  it('goes with its user', async () => {
    const leaving = randomUUID();
    await new UserStore(database).insert({ id: leaving, username: `leaving-${leaving.slice(0, 8)}`, passwordHash: 'not used here', role: 'referrer', organisation: 'council' });
    const id = await drafts.keep(leaving, page, referral);
    await database.pool.query('delete from users where id = $1', [leaving]);
    expect(await rowOf(id)).toBeUndefined();
  });
});
