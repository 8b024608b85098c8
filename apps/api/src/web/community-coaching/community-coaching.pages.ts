import { WebApi } from '../web-api';
import { WebPages } from '../web-pages.decorator';

@WebPages('community-coaching', ['coaching-coordinator'])
export class CommunityCoachingPagesController {
  constructor(private readonly api: WebApi) {}
}
