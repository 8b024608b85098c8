import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { AdminPagesController } from './admin.controller';
import { SignInController } from './sign-in.controller';
import { WebApi } from './web-api';
import { WebGuard } from './web.guard';

/** The pages of the service, for every user group; they call the API for everything they show or record. */
@Module({
  imports: [AuthModule],
  controllers: [SignInController, AdminPagesController],
  providers: [WebApi, WebGuard],
  exports: [WebApi],
})
export class WebModule {}
