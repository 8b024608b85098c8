import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The fact tables behind the targets (CaseFactsProjection): one row per case holding the
 * business date of each step a target counts, one row per reoffence date, one row per
 * volunteer. Every target is then one aggregate over a date range, whatever the period or
 * `asOf`. Each dated column has a partial index led by the programme, the shape of every
 * target's WHERE clause.
 */
export class CaseFacts1763840000300 implements MigrationInterface {
  name = 'CaseFacts1763840000300';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      create table case_facts (
        case_id uuid primary key,
        programme text,
        referred_on date,
        panel_held_on date,
        agreement_reached_on date,
        agreement_upheld_on date,
        surveyed_on date,
        satisfied boolean,
        course_id uuid,
        course_attended_on date,
        course_completed_on date,
        intervention_started_on date,
        intervention_completed_on date,
        support_quarter_hours integer not null default 0
      )`);
    for (const column of datedColumns) {
      await runner.query(`create index case_facts_${column} on case_facts (programme, ${column}) where ${column} is not null`);
    }
    await runner.query(`
      create table reoffence_facts (
        case_id uuid not null,
        offence_date date not null,
        primary key (case_id, offence_date)
      )`);
    await runner.query(`
      create table volunteer_facts (
        volunteer_id uuid primary key,
        organisation text,
        trained_on date,
        left_on date
      )`);
    await runner.query(`create index volunteer_facts_trained_on on volunteer_facts (organisation, trained_on) where trained_on is not null`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`drop table volunteer_facts`);
    await runner.query(`drop table reoffence_facts`);
    await runner.query(`drop table case_facts`);
  }
}

const datedColumns = [
  'referred_on',
  'panel_held_on',
  'agreement_reached_on',
  'agreement_upheld_on',
  'course_attended_on',
  'course_completed_on',
  'intervention_started_on',
  'intervention_completed_on',
];
