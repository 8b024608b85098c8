import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The list read models (libs/projections/src/case-summaries): one row per case, course and
 * volunteer, plus course bookings and reoffences. Ids are text because the domain accepts any
 * string id and a projection must never stop on an event the domain wrote. Cases are listed
 * newest referral first, ties broken by case id, both descending so that a page's cursor is a
 * single row comparison served by the index.
 */
export class CaseSummaries1763840000400 implements MigrationInterface {
  name = 'CaseSummaries1763840000400';

  async up(runner: QueryRunner): Promise<void> {
    for (const statement of up) await runner.query(statement);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const statement of down) await runner.query(statement);
  }
}

const up = [
  `create table case_summaries (
    case_id text primary key,
    programme text not null,
    status text not null,
    closed boolean not null,
    closed_on date,
    person_id text not null,
    referrer_organisation text not null,
    referred_on date not null,
    offence_date date,
    accepted_on date,
    declined_on date,
    panel_held_on date,
    agreement_reached_on date,
    no_agreement_on date,
    agreement_upheld_on date,
    agreement_breached_on date,
    surveyed_on date,
    deadline date,
    course_id text,
    course_date date,
    fee_paid_on date,
    attended_on date,
    breached_on date,
    breach_reason text,
    volunteer_id text,
    coach_assigned_on date,
    started_on date,
    withdrawn_on date,
    completed_on date,
    quarter_hours integer,
    session_count integer,
    reoffence_count integer not null,
    last_event_position bigint not null,
    updated_at timestamptz not null
  )`,
  `create index case_summaries_listing on case_summaries (referred_on desc, case_id desc)`,
  `create index case_summaries_by_programme on case_summaries (programme, referred_on desc, case_id desc)`,
  `create index case_summaries_by_programme_status on case_summaries (programme, status, referred_on desc, case_id desc)`,
  `create table course_summaries (
    course_id text primary key,
    date date not null,
    capacity integer not null,
    venue text,
    booked_count integer not null,
    places_left integer not null,
    attended_count integer not null,
    last_event_position bigint not null,
    updated_at timestamptz not null
  )`,
  `create index course_summaries_calendar on course_summaries (date, course_id)`,
  `create table course_bookings (
    course_id text not null,
    case_id text not null,
    primary key (course_id, case_id)
  )`,
  `create table volunteer_summaries (
    volunteer_id text primary key,
    organisation text not null,
    status text not null,
    recruited_on date not null,
    trained_on date,
    left_on date,
    open_case_ids text[] not null,
    open_coaching_cases integer not null,
    last_event_position bigint not null,
    updated_at timestamptz not null
  )`,
  `create index volunteer_summaries_roster on volunteer_summaries (organisation, recruited_on, volunteer_id)`,
  `create table reoffences (
    position bigint primary key,
    case_id text not null,
    offence_date date not null,
    reference text
  )`,
  `create index reoffences_by_case on reoffences (case_id, offence_date)`,
];

const down = [`drop table reoffences`, `drop table volunteer_summaries`, `drop table course_bookings`, `drop table course_summaries`, `drop table case_summaries`];
