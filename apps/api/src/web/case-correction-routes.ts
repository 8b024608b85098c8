import { Body, Get, Param, ParseIntPipe, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CloseCaseRequest } from '../cases/case-step.requests';
import { CasePlace, closeCheckPage, CorrectionPages, strikeOut, strikeOutPage } from './corrections';
import { FormBody } from './forms';
import { CaseStepForm } from './submit';
import { WebRequest } from './web-request';

const uuid = new ParseUUIDPipe();
const revisionPipe = new ParseIntPipe();

/**
 * The routes every programme's case pages share, under `cases/:id`: the check before closing, and
 * striking out an entry. A programme's pages controller extends this and says where its case
 * page is, what the corrections read and send through, and its close form; the routes are
 * inherited with its own path, audience and guards (WebPages).
 */
export abstract class CaseCorrectionRoutes {
  protected abstract placeOf(caseId: string): CasePlace;
  protected abstract correctionPages(): CorrectionPages;
  protected abstract readonly closeForm: CaseStepForm<CloseCaseRequest>;

  /** Asks before the case is closed, with the close form as it was sent (post/redirect/get). */
  @Get('cases/:id/close')
  async closeCheck(@Req() request: WebRequest, @Res() response: Response, @Param('id', uuid) caseId: string): Promise<void> {
    await closeCheckPage(this.correctionPages(), request, response, this.placeOf(caseId), this.closeForm);
  }

  @Get('cases/:id/strike-out/:revision')
  async strikeOutPage(@Req() request: WebRequest, @Res() response: Response, @Param('id', uuid) caseId: string, @Param('revision', revisionPipe) revision: number): Promise<void> {
    await strikeOutPage(this.correctionPages(), request, response, { ...this.placeOf(caseId), revision });
  }

  @Post('cases/:id/strike-out/:revision')
  async strikeOutEntry(
    @Req() request: WebRequest,
    @Res() response: Response,
    @Param('id', uuid) caseId: string,
    @Param('revision', revisionPipe) revision: number,
    @Body() form: FormBody,
  ): Promise<void> {
    await strikeOut(this.correctionPages(), request, response, { ...this.placeOf(caseId), revision }, form);
  }
}
