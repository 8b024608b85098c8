import { WebApi } from '../web-api';
import { WebPages } from '../web-pages.decorator';

@WebPages('dashboard', ['commissioner'])
export class DashboardPagesController {
  constructor(private readonly api: WebApi) {}
}
