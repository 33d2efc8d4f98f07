import { DynamicModule, Logger, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, DiscoveryModule, DiscoveryService, MetadataScanner } from '@nestjs/core';
import { AuthGuard } from './auth.guard';
import { RefusalProblemFilter } from './refusal.filter';
import { ReportLinks } from './report-link';
import { TokenVerifier, TokenVerifierOptions } from './token-verifier';

/**
 * Authentication and role checks for every HTTP route of a service: provides the
 * {@link TokenVerifier} and the {@link ReportLinks} (signed with `reportLinks.secret`, when given), installs {@link AuthGuard} application-wide, and answers refusals as
 * problem+json. Import it once, in the service's root module.
 */
@Module({})
export class IdentityModule {
  static forRoot(options: TokenVerifierOptions, reportLinks: { secret?: string | undefined } = {}): DynamicModule {
    return {
      module: IdentityModule,
      global: true,
      imports: [DiscoveryModule],
      providers: [
        {
          provide: ReportLinks,
          useFactory: (discovery: DiscoveryService, scanner: MetadataScanner) => new ReportLinks(discovery, scanner, reportLinks.secret),
          inject: [DiscoveryService, MetadataScanner],
        },
        {
          provide: TokenVerifier,
          useFactory: () => {
            if (options.kind === 'development') {
              new Logger('Identity').warn('Verifying development tokens (HS256, issuer eutf-dev): not for production');
            }
            return new TokenVerifier(options);
          },
        },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: RefusalProblemFilter },
      ],
      exports: [TokenVerifier, ReportLinks],
    };
  }
}
