import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { programmeModules } from '../programmes';
import { PeopleFinder } from '../people/people-finder';
import { AdminPagesController } from './admin.controller';
import { AdminPeoplePagesController } from './admin-people.controller';
import { CommunityCoachingPagesController } from './community-coaching/community-coaching.pages';
import { ConditionalCautionPagesController } from './conditional-caution/conditional-caution.pages';
import { DashboardPagesController } from './dashboard/dashboard.pages';
import { ReferralPagesController } from './referrals/referrals.pages';
import { RestorativeJusticePagesController } from './restorative-justice/restorative-justice.pages';
import { SignInController } from './sign-in.controller';
import { CaseStepServices } from './submit';
import { WebGuard } from './web.guard';

/** The pages of the service, for every user group; they call the application services in process, through `InProcess`, for everything they show or record. */
@Module({
  imports: [AuthModule, ...programmeModules],
  controllers: [
    SignInController,
    AdminPagesController,
    AdminPeoplePagesController,
    ReferralPagesController,
    RestorativeJusticePagesController,
    ConditionalCautionPagesController,
    CommunityCoachingPagesController,
    DashboardPagesController,
  ],
  providers: [CaseStepServices, WebGuard, PeopleFinder],
})
export class WebModule {}
