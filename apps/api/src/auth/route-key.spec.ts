import { Controller, Get, Post } from '@nestjs/common';
import { routeKeysOfController } from './route-key';

abstract class SharedRoutes {
  @Get('cases/:id/close')
  closeCheck(): void {}

  @Post('cases/:id/strike-out/:revision')
  strikeOut(): void {}

  helper(): void {}
}

@Controller('pages')
class Pages extends SharedRoutes {
  @Get('cases/:id')
  casePage(): void {}

  @Post('cases/:id/strike-out/:revision')
  override strikeOut(): void {}
}

describe('the route keys of a controller', () => {
  it('names its own routes and those it inherits, each once, under its own path, and no plain method', () => {
    expect(routeKeysOfController(Pages).sort()).toEqual(['GET /pages/cases/:id', 'GET /pages/cases/:id/close', 'POST /pages/cases/:id/strike-out/:revision']);
  });
});
