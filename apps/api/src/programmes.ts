import { CasesModule } from './cases/cases.module';
import { CommunityCoachingModule } from './community-coaching/community-coaching.module';
import { ConditionalCautionModule } from './conditional-caution/conditional-caution.module';
import { CoursesModule } from './courses/courses.module';
import { IomModule } from './iom/iom.module';
import { QueriesModule } from './queries/queries.module';
import { RestorativeJusticeModule } from './restorative-justice/restorative-justice.module';
import { TargetsModule } from './targets/targets.module';
import { VolunteersModule } from './volunteers/volunteers.module';

export const programmeModules = [
  CasesModule,
  VolunteersModule,
  CoursesModule,
  RestorativeJusticeModule,
  ConditionalCautionModule,
  CommunityCoachingModule,
  IomModule,
  QueriesModule,
  TargetsModule,
];
