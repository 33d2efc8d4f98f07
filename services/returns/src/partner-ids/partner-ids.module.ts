import { Module, type DynamicModule } from '@nestjs/common';
import { PARTNER_ID_KEYS, type PartnerIdKeys } from './partner-id-keys';

@Module({})
export class PartnerIdsModule {
  static forRoot(keys: PartnerIdKeys): DynamicModule {
    return { module: PartnerIdsModule, global: true, providers: [{ provide: PARTNER_ID_KEYS, useValue: keys }], exports: [PARTNER_ID_KEYS] };
  }
}
