import nunjucks from 'nunjucks';
import { caseHistoryOf, historyNamesOf, volunteerLabel, VolunteerNames } from './case-views';
import { addFilters } from './view-filters';
import { webPaths } from './web-paths';

const ann = '5e8a1c3d-0000-4000-8000-000000000001';
const bo = '9d8c7b6a-0000-4000-8000-000000000002';
const gone = 'a1b2c3d4-0000-4000-8000-000000000003';
const unnamed = 'f0e1d2c3-0000-4000-8000-000000000004';
const course = 'c0c0c0c0-0000-4000-8000-000000000005';

const volunteers: VolunteerNames = new Map([
  [ann, { givenName: 'Ann', familyName: 'Lee', erased: false }],
  [bo, { givenName: 'Bo', familyName: 'Chan', erased: false }],
  [gone, { erased: true }],
]);

const entry = (type: string, data: Record<string, unknown>, date?: string) => ({ type, data, date, recordedAt: '2026-11-22T10:00:00Z', recordedBy: 'rj-coordinator' });

describe('a volunteer in a case summary', () => {
  it('is named with the reference the roster shows, or by reference alone when no name is held, erased or not read', () => {
    expect(volunteerLabel(ann, volunteers)).toBe('Ann Lee (5e8a1c3d)');
    expect(volunteerLabel(gone, volunteers, 'Coach')).toBe('Coach a1b2c3d4 (erased)');
    expect(volunteerLabel(unnamed, volunteers)).toBe('Volunteer f0e1d2c3');
    expect(volunteerLabel(ann, undefined, 'Coach')).toBe('Coach 5e8a1c3d');
  });
});

describe('the names a case history is told in', () => {
  it('names volunteers by name, an erased one as erased, and a booked course by its date', () =>
    expect(historyNamesOf([entry('CourseBooked', { courseId: course, courseDate: '2026-12-03' })], volunteers)).toEqual(
      new Map([
        [course, '3 December 2026'],
        [ann, 'Ann Lee'],
        [bo, 'Bo Chan'],
        [gone, 'Volunteer (erased)'],
      ]),
    ));

  it('gives none to a reader who may not see volunteers’ names, when there is no course to name', () =>
    expect(historyNamesOf([entry('PanelHeld', { facilitatorIds: [ann] })], undefined)).toBeUndefined());
});

describe('the case timeline’s entries', () => {
  const history = [
    entry('PanelHeld', { caseId: 'c', heldOn: '2026-11-20', facilitatorIds: [ann, bo, gone, unnamed], victimAttended: true }, '2026-11-20'),
    entry('CourseBooked', { caseId: 'c', courseId: course, courseDate: '2026-12-03' }),
    entry('BookingCancelled', { caseId: 'c', courseId: course }),
    entry('ReoffenceRecorded', { caseId: 'c', offenceDate: '2026-11-21', reference: 'CRIS 1' }, '2026-11-21'),
    { ...entry('EntryStruckOut', { caseId: 'c', revision: 1, reason: 'Wrong case' }, '2026-11-22'), details: 'The panel held on 20 November 2026. Reason: Wrong case' },
  ];

  it('titles each entry, labels each fact, names the facilitators, says which course a cancelled booking was, and leaves out the date the timeline shows beside it', () =>
    expect(caseHistoryOf(history, volunteers).map(({ type, name, words }) => ({ type, name, words }))).toEqual([
      {
        type: 'PanelHeld',
        name: 'Panel held',
        words: [
          { label: 'Victim attended', text: 'Yes' },
          { label: 'Facilitators', text: 'Ann Lee, Bo Chan, Volunteer (erased), Volunteer f0e1d2c3' },
        ],
      },
      { type: 'CourseBooked', name: 'Course booked', words: [{ label: 'Course', text: '3 December 2026' }] },
      { type: 'BookingCancelled', name: 'Booking cancelled', words: [{ label: 'Course', text: '3 December 2026' }] },
      {
        type: 'ReoffenceRecorded',
        name: 'Reoffence recorded',
        words: [
          { label: 'Date of the offence', text: '21 November 2026' },
          { label: 'Reference', text: 'CRIS 1' },
        ],
      },
      { type: 'EntryStruckOut', name: 'Entry struck out', words: [] },
    ]));

  it('titles a referral and a caution’s breach in the words staff use', () =>
    expect(
      caseHistoryOf([entry('CaseReferred', { referredOn: '2026-11-20' }, '2026-11-20'), entry('ConditionBreached', { on: '2026-11-21', reason: 'fee-unpaid' })], undefined),
    ).toMatchObject([
      { name: 'Referred', words: [] },
      {
        name: 'Caution breached',
        words: [
          { label: 'Date', text: '21 November 2026' },
          { label: 'Reason', text: 'Did not pay the fee' },
        ],
      },
    ]));

  it('counts the facilitators for a reader who may not see their names', () =>
    expect(caseHistoryOf([history[0]], undefined)[0].words).toContainEqual({ label: 'Facilitators', text: '4' }));

  it('are drawn as "Label: value" lines, struck through once struck, a strike by the sentence that names what it struck', () => {
    const environment = new nunjucks.Environment(new nunjucks.FileSystemLoader([webPaths.views, webPaths.govukFrontend]), { autoescape: true });
    addFilters(environment);
    const rows = caseHistoryOf(
      [
        { ...history[0], name: 'Panel held', struckOut: { revision: 4, reason: 'Wrong case', recordedAt: '2026-11-22T10:00:00Z', recordedBy: 'rj-coordinator' } },
        { ...history[3], name: 'Reoffence recorded', details: '<b>not used</b>' },
        { ...history[4], name: 'Entry struck out' },
      ],
      volunteers,
    );
    const html = environment.renderString('{% from "macros/case.njk" import caseTimeline %}{{ caseTimeline(history) }}', { history: rows });
    const text = (fragment: string): string =>
      fragment
        .replace(/<[^>]+>/g, '')
        .replace(/\s+/g, ' ')
        .trim();
    const cells = [...html.matchAll(/<td[^>]*data-label="Details"[^>]*>([\s\S]*?)<\/td>/g)].map(([, cell]) => cell);
    expect(cells.map(text)).toEqual([
      'Victim attended: Yes Facilitators: Ann Lee, Bo Chan, Volunteer (erased), Volunteer f0e1d2c3 Struck out by rj-coordinator on 22 November 2026: Wrong case',
      'Date of the offence: 21 November 2026 Reference: CRIS 1',
      'The panel held on 20 November 2026. Reason: Wrong case',
    ]);
    expect(cells[0]).toMatch(/^\s*<del><dl[^>]*>\s*<div><dt[^>]*>Victim attended:<\/dt> <dd[^>]*>Yes<\/dd><\/div>/);
    expect(html).toContain('class="govuk-table app-table--stack"');
  });

  it('escapes what was typed exactly once', () => {
    const environment = new nunjucks.Environment(new nunjucks.FileSystemLoader([webPaths.views, webPaths.govukFrontend]), { autoescape: true });
    addFilters(environment);
    const typed = `Tom & Jerry's "school" <b>report</b>`;
    const rows = caseHistoryOf([{ ...entry('ReoffenceRecorded', { offenceDate: '2026-11-21', reference: typed }, '2026-11-21'), details: '' }], undefined);
    const html = environment.renderString('{% from "macros/case.njk" import caseTimeline %}{{ caseTimeline(history) }}', { history: rows });
    expect(html).toContain('<dd class="govuk-!-display-inline govuk-!-margin-0">Tom &amp; Jerry&#39;s &quot;school&quot; &lt;b&gt;report&lt;/b&gt;</dd>');
    expect(html).not.toContain('<b>report</b>');
  });
});
