export * from './auth.guard';
export { CurrentPrincipal, principalOf } from './current-principal.decorator';
export * from './dev-token';
export * from './identity.module';
export * from './principal';
export * from './report-link';
export {
  AccessForbiddenException,
  FORBIDDEN_PROBLEM,
  UNAUTHENTICATED_PROBLEM,
  UnauthenticatedException,
} from './refusals';
export type { RefusalProblem } from './refusals';
export * from './roles.decorator';
export * from './scope';
export { DEVELOPMENT_TOKEN_ALGORITHM, DEVELOPMENT_TOKEN_ISSUER, TOKEN_AUDIENCE, principalFromClaims } from './token-claims';
export type { PrincipalFromClaims } from './token-claims';
export { TokenRejectedError, TokenVerifier } from './token-verifier';
export type { DevelopmentVerification, JwksVerification, TokenVerifierOptions } from './token-verifier';
