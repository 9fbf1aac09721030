import type { Type } from '@nestjs/common';
import { HealthHttpController } from './modules/health/health.http.controller.js';
import { MetricsHttpController } from './modules/health/metrics.http.controller.js';
import { OpsHttpController } from './modules/ops/ops.http.controller.js';
import { AgreementsHttpController } from './modules/agreements/agreements.http.controller.js';
import { SigningHttpController } from './modules/signing/signing.http.controller.js';
import { RecruitingHttpController } from './modules/recruiting/recruiting.http.controller.js';
import { AuthHttpController } from './modules/auth/auth.http.controller.js';
import { MeHttpController } from './modules/me/me.http.controller.js';
import { SchoolsHttpController } from './modules/schools/schools.http.controller.js';
import { EmployersHttpController } from './modules/employers/employers.http.controller.js';
import { PrintingHttpController } from './modules/printing/printing.http.controller.js';
import { StatisticsHttpController } from './modules/statistics/statistics.http.controller.js';
import { DispatchHttpController } from './modules/dispatch/dispatch.http.controller.js';
import { ReviewHttpController } from './modules/review/review.http.controller.js';
import { QualificationDocumentsHttpController } from './modules/qualification-documents/qualification-documents.http.controller.js';
import { TerminationsHttpController } from './modules/terminations/terminations.http.controller.js';
import { PaperFormsHttpController } from './modules/paper-forms/paper-forms.http.controller.js';

/**
 * Every HTTP controller of the gateway. A test walks this list and fails on any route that is
 * neither @Public nor @Roles.
 */
export const GATEWAY_CONTROLLERS: Type<unknown>[] = [
  HealthHttpController,
  MetricsHttpController,
  OpsHttpController,
  AuthHttpController,
  MeHttpController,
  SchoolsHttpController,
  EmployersHttpController,
  AgreementsHttpController,
  SigningHttpController,
  RecruitingHttpController,
  PrintingHttpController,
  StatisticsHttpController,
  DispatchHttpController,
  ReviewHttpController,
  QualificationDocumentsHttpController,
  TerminationsHttpController,
  PaperFormsHttpController,
];
