import { WebApi } from '../web-api';
import { WebPages } from '../web-pages.decorator';

@WebPages('referrals', ['referrer'])
export class ReferralPagesController {
  constructor(private readonly api: WebApi) {}
}
