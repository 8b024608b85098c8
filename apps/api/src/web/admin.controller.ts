import { Get, Render } from '@nestjs/common';
import { WebPages } from './web-pages.decorator';

@WebPages('admin', ['admin'])
export class AdminPagesController {
  @Get()
  @Render('admin')
  home(): Record<string, never> {
    return {};
  }
}
