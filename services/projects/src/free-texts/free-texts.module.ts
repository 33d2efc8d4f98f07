import { Module } from '@nestjs/common';
import { FreeTextsRoute } from './free-texts.route';

/** The free-text store's read route (`GET /free-texts`); texts are written and erased with the commands that refer to them. */
@Module({ controllers: [FreeTextsRoute] })
export class FreeTextsModule {}
