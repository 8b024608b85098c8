import { pageOfRoutes, returnsToDraft } from './form-drafts';

describe('the page a form is drawn on', () => {
  const pageOf = pageOfRoutes([
    'GET /restorative-justice',
    'GET /restorative-justice/cases/:id',
    'POST /restorative-justice/cases/:id/:step',
    'GET /restorative-justice/volunteers',
    'GET /restorative-justice/volunteers/:id/:step',
    'GET /referrals/new/:programme',
    'GET /referrals/:id',
    'GET /admin',
    'GET /conditional-caution/courses/:id',
  ]);

  it('is the address the form posts to when that is a page', () => {
    expect(pageOf('/restorative-justice/volunteers')).toBe('/restorative-justice/volunteers');
    expect(pageOf('/restorative-justice/volunteers/9f1c/training')).toBe('/restorative-justice/volunteers/9f1c/training');
    expect(pageOf('/referrals/new/community-coaching')).toBe('/referrals/new/community-coaching');
  });

  it('is otherwise the nearest page above it: a case step on the case page, an account button on the administration page', () => {
    expect(pageOf('/restorative-justice/cases/0b6c9a58/accept')).toBe('/restorative-justice/cases/0b6c9a58');
    expect(pageOf('/referrals/0b6c9a58/reoffences')).toBe('/referrals/0b6c9a58');
    expect(pageOf('/conditional-caution/courses/0b6c9a58/register')).toBe('/conditional-caution/courses/0b6c9a58');
    expect(pageOf('/admin/users/0b6c9a58/disable')).toBe('/admin');
    expect(pageOf('/admin/users')).toBe('/admin');
  });

  it('is no page when none is at or above the address (routes other than GET do not count)', () => {
    expect(pageOf('/sign-out')).toBeUndefined();
    expect(pageOf('/dashboard/figures')).toBeUndefined();
    expect(pageOfRoutes(['POST /restorative-justice/cases/:id/:step'])('/restorative-justice/cases/0b6c9a58/accept')).toBeUndefined();
  });

  it('matches a parameter to one whole segment only, and the rest of a path as it is written', () => {
    expect(pageOf('/restorative-justice/cases')).toBe('/restorative-justice');
    expect(pageOf('/restorative-justiceX/cases/1')).toBeUndefined();
    expect(pageOfRoutes(['GET /a.b'])('/aXb')).toBeUndefined();
    expect(pageOfRoutes(['GET /'])('/anything/at/all')).toBe('/');
  });
});

describe('a sign-in that returns to a kept form', () => {
  it('is one whose return address names a draft', () => {
    expect(returnsToDraft('/restorative-justice/cases/0b6c9a58?draft=5d0c4b8e-1111-4a2b-9c3d-4e5f6a7b8c9d')).toBe(true);
    expect(returnsToDraft('/restorative-justice/cases/0b6c9a58?after=12')).toBe(false);
    expect(returnsToDraft(undefined)).toBe(false);
  });
});
