import { WebApi } from '../web-api';
import { WebPages } from '../web-pages.decorator';

@WebPages('conditional-caution', ['caution-officer'])
export class ConditionalCautionPagesController {
  constructor(private readonly api: WebApi) {}
}
