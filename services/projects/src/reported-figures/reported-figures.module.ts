import { Module } from '@nestjs/common';
import { ReportCountryFigureRoute } from './report-country-figure/report-country-figure.route';
import { ReportFigureRoute } from './report-figure/report-figure.route';
import { ReportedFiguresHandler } from './reported-figures.handler';

/** Figures the sources state (programme, regions, countries), shown in the progress reports beside the computed ones. */
@Module({ controllers: [ReportFigureRoute, ReportCountryFigureRoute], providers: [ReportedFiguresHandler] })
export class ReportedFiguresModule {}
