import { MasterKey } from '../people/master-key';
import { Organisation, organisations, Programme, programmes } from '@safer-cases/domain';
import { registeredRoutes } from '@safer-cases/testing/registered-routes';
import { AppModule } from '../app.module';
import { CaseAccess, VolunteerAccess } from './access';
import { Actor, organisationsOfRole, Role, roles } from './actor';
import { routePolicy, ruleOf } from './policy';

const routes = registeredRoutes(AppModule.register({ databaseUrl: 'postgres://nobody@localhost:1/none', masterKey: MasterKey.fromBytes(Buffer.alloc(32, 1)) }));

const actor = (role: Role, organisation: Organisation = organisationsOfRole[role][0]): Actor => ({ userId: 'u', username: role, role, organisation });

describe('the access policy', () => {
  it('finds the routes of the app', () => {
    expect(routes).toEqual(expect.arrayContaining(['POST /api/cases', 'GET /api/cases/:id', 'DELETE /api/cases/:id/booking', 'GET /health', 'POST /api/auth/login']));
  });

  it('names every route the app serves', () => {
    expect(routes.filter((route) => ruleOf(route) === undefined)).toEqual([]);
  });

  it('names no route the app does not serve, but for the data-protection routes still to come', () => {
    expect(Object.keys(routePolicy).filter((key) => !routes.includes(key))).toEqual([]);
  });

  it('leaves only sign-in and the health check open without a token', () => {
    expect(
      Object.entries(routePolicy)
        .filter(([, rule]) => rule.public)
        .map(([key]) => key)
        .sort(),
    ).toEqual(['GET /health', 'POST /api/auth/login']);
  });

  it('checks the case of every route on one case', () => {
    const onACase = Object.entries(routePolicy).filter(([key]) => key.includes(' /api/cases/:id'));
    expect(onACase.length).toBeGreaterThan(20);
    for (const [key, rule] of onACase) expect({ key, scope: rule.public ? 'public' : rule.scope }).toEqual({ key, scope: 'case' });
  });

  it('refuses a route it does not name, and a method or path it does not know', () => {
    expect(ruleOf('GET /api/secrets')).toBeUndefined();
    expect(ruleOf('PUT /api/cases')).toBeUndefined();
    expect(ruleOf('toString')).toBeUndefined();
    expect(ruleOf(undefined)).toBeUndefined();
  });

  describe('personal data', () => {
    /** The routes on what is held about a person: a case and the people on it, a volunteer, a course and its bookings, a person's own record. */
    const onPersonalData = /^[A-Z]+ \/api\/(cases|volunteers|courses|people)(\/|$)/;
    const personalOpenTo = (role: Role): string[] =>
      Object.entries(routePolicy)
        .filter(([key, rule]) => !rule.public && rule.roles.includes(role) && onPersonalData.test(key))
        .map(([key]) => key)
        .sort();

    it('counts the people routes as personal data, those on a case and those on a person', () => {
      const personal = routes.filter((route) => onPersonalData.test(route));
      expect(personal).toEqual(
        expect.arrayContaining([
          'GET /api/cases/:id',
          'GET /api/cases/:id/people',
          'GET /api/volunteers/:id',
          'GET /api/courses/:id',
          'GET /api/people/:id/export',
          'POST /api/people/:id/erasure',
        ]),
      );
      expect(routes.filter((route) => route.includes('/people')).filter((route) => !onPersonalData.test(route))).toEqual([]);
    });

    it('gives commissioners no personal data: no case, people, volunteer or course route', () => {
      expect(personalOpenTo('commissioner')).toEqual([]);
      expect(ruleOf('GET /api/targets')).toEqual({ roles: ['commissioner', 'rj-coordinator', 'caution-officer', 'coaching-coordinator'], scope: 'programme' });
    });

    it('gives administrators no case, volunteer or course route, and of a person only the data-protection requests', () => {
      expect(personalOpenTo('admin')).toEqual(['GET /api/people/:id/export', 'POST /api/people/:id/erasure']);
    });

    it('keeps the people on a case to those who work on it', () => {
      expect(ruleOf('GET /api/cases/:id/people')).toEqual({ roles: ['referrer', 'rj-coordinator', 'caution-officer', 'coaching-coordinator', 'iom-officer'], scope: 'case' });
    });
  });
});

describe('who works on which case', () => {
  const caseOf = (programme: Programme, organisation: Organisation = 'police') => ({ programme, referrer: { organisation } });
  const coordinatorOf: Record<Programme, Role> = {
    'restorative-justice': 'rj-coordinator',
    'conditional-caution': 'caution-officer',
    'community-coaching': 'coaching-coordinator',
    iom: 'iom-officer',
  };

  it.each(programmes)('lets only the %s coordinator work on its cases, of whichever referrer', (programme) => {
    for (const role of roles.filter((each) => each !== 'referrer')) {
      for (const referrer of ['police', 'probation', 'council'] as const) {
        expect({ role, allowed: CaseAccess.mayWorkOn(actor(role), caseOf(programme, referrer)) }).toEqual({ role, allowed: role === coordinatorOf[programme] });
      }
    }
  });

  it('lets a referrer work on the cases of their own organisation only, in every programme', () => {
    for (const organisation of organisationsOfRole.referrer) {
      for (const referrer of ['police', 'probation', 'council'] as const) {
        for (const programme of programmes) {
          expect(CaseAccess.mayWorkOn(actor('referrer', organisation), caseOf(programme, referrer))).toBe(organisation === referrer);
        }
      }
    }
  });

  it('refuses with 403 forbidden rather than telling what the case is', () => {
    expect(() => CaseAccess.assertMayWorkOn(actor('caution-officer'), caseOf('restorative-justice'))).toThrow(
      expect.objectContaining({ status: 403, response: expect.objectContaining({ code: 'forbidden' }) }),
    );
  });

  it('lets a referrer refer as their own organisation only, and nobody else refer', () => {
    expect(() => CaseAccess.assertMayRefer(actor('referrer', 'probation'), 'probation')).not.toThrow();
    expect(() => CaseAccess.assertMayRefer(actor('referrer', 'probation'), 'police')).toThrow(expect.objectContaining({ status: 403 }));
    expect(() => CaseAccess.assertMayRefer(actor('rj-coordinator'), 'victim-support')).toThrow(expect.objectContaining({ status: 403 }));
  });

  it('narrows a case list to the programme of a coordinator, and to the organisation of a referrer', () => {
    expect(CaseAccess.listFilter(actor('rj-coordinator'), undefined)).toEqual({ programme: 'restorative-justice' });
    expect(CaseAccess.listFilter(actor('caution-officer'), 'conditional-caution')).toEqual({ programme: 'conditional-caution' });
    expect(() => CaseAccess.listFilter(actor('caution-officer'), 'restorative-justice')).toThrow(expect.objectContaining({ status: 403 }));
    expect(CaseAccess.listFilter(actor('referrer', 'council'), 'community-coaching')).toEqual({ programme: 'community-coaching', referrerOrganisation: 'council' });
    expect(CaseAccess.listFilter(actor('referrer', 'police'), undefined)).toEqual({ programme: undefined, referrerOrganisation: 'police' });
    expect(() => CaseAccess.listFilter(actor('commissioner'), undefined)).toThrow(expect.objectContaining({ status: 403 }));
  });
});

describe('who keeps which volunteers', () => {
  it('lets each coordinator manage the volunteers of their own organisation only', () => {
    expect(() => VolunteerAccess.assertMayManage(actor('rj-coordinator'), 'victim-support')).not.toThrow();
    expect(() => VolunteerAccess.assertMayManage(actor('rj-coordinator'), 'home-start')).toThrow(expect.objectContaining({ status: 403 }));
    expect(() => VolunteerAccess.assertMayManage(actor('coaching-coordinator'), 'home-start')).not.toThrow();
    expect(() => VolunteerAccess.assertMayManage(actor('coaching-coordinator'), 'victim-support')).toThrow(expect.objectContaining({ status: 403 }));
  });

  it('narrows the roster to the own organisation', () => {
    expect(VolunteerAccess.rosterOrganisation(actor('coaching-coordinator'), undefined)).toBe('home-start');
    expect(VolunteerAccess.rosterOrganisation(actor('rj-coordinator'), 'victim-support')).toBe('victim-support');
    expect(() => VolunteerAccess.rosterOrganisation(actor('rj-coordinator'), 'home-start')).toThrow(expect.objectContaining({ status: 403 }));
  });
});

describe('roles and organisations', () => {
  it('puts every role in organisations that exist, commissioners and administrators in the council', () => {
    for (const role of roles) for (const organisation of organisationsOfRole[role]) expect(organisations).toContain(organisation);
    expect(organisationsOfRole.commissioner).toEqual(['council']);
    expect(organisationsOfRole.admin).toEqual(['council']);
    expect(organisationsOfRole.referrer).toEqual(['police', 'probation', 'council']);
  });
});
