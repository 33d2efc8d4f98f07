import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import type { Principal } from './principal';

const PRINCIPAL = Symbol('eutf:identity:principal');

type WithPrincipal = { [PRINCIPAL]?: Principal };

export function attachPrincipal(request: object, principal: Principal): void {
  (request as WithPrincipal)[PRINCIPAL] = principal;
}

/** The principal the guard verified for this request; undefined on a public route. */
export function principalOf(request: object): Principal | undefined {
  return (request as WithPrincipal)[PRINCIPAL];
}

/** Injects the verified {@link Principal} into a handler parameter. Not for `@Public()` routes. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = principalOf(context.switchToHttp().getRequest<object>());
  if (!principal) {
    throw new Error('@CurrentPrincipal() used on a route without a verified token (is it @Public()?)');
  }
  return principal;
});
