import { WebApi } from '../web-api';
import { WebPages } from '../web-pages.decorator';

@WebPages('restorative-justice', ['rj-coordinator'])
export class RestorativeJusticePagesController {
  constructor(private readonly api: WebApi) {}
}
