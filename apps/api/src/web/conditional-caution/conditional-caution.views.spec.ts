import { bookableCourses, calendarOf, caseListQuery, queryForm, windowOf } from './conditional-caution.views';

describe('the course calendar', () => {
  const course = (id: string, date: string, placesLeft = 16) => ({ courseId: id, date, placesLeft });

  it('puts courses still to come first, earliest first, then those held, latest first', () => {
    const { upcoming, past } = calendarOf(
      [course('a', '2026-10-01'), course('b', '2027-01-07'), course('c', '2026-11-22'), course('d', '2026-11-05'), course('e', '2026-12-03')],
      '2026-11-22',
    );
    expect(upcoming.map((each) => each.courseId)).toEqual(['c', 'e', 'b']);
    expect(past.map((each) => each.courseId)).toEqual(['d', 'a']);
  });

  it('offers for booking the courses from the referral to the deadline that have a place left', () => {
    const courses = [
      course('before', '2026-11-01'),
      course('first', '2026-11-02'),
      course('full', '2026-12-03', 0),
      course('last', '2027-01-12', 1),
      course('after', '2027-01-13'),
      course('mid', '2026-12-10'),
    ];
    expect(bookableCourses(courses, '2026-11-02', '2027-01-12').map((each) => each.courseId)).toEqual(['first', 'mid', 'last']);
  });
});

describe('the addresses and queries of the pages', () => {
  it('keeps the case list’s filter and cursor in its address', () => {
    expect(caseListQuery({})).toBe('');
    expect(caseListQuery({ status: 'booked', closed: 'false' }, 'abc')).toBe('?status=booked&closed=false&cursor=abc');
  });

  it('reads a filter’s date inputs from the query, ignoring anything that is not text', () => {
    expect(queryForm({ 'from-day': '1', 'from-month': '12', nested: { a: '1' }, list: ['a'] })).toEqual({ 'from-day': '1', 'from-month': '12' });
  });

  it('looks four weeks ahead for deadlines unless one of the offered windows is chosen', () => {
    expect([undefined, '7', '56', '5', 'x'].map(windowOf)).toEqual([28, 7, 56, 28, 28]);
  });
});
