import { SetMetadata, applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Role } from './principal';

export const REQUIRED_ROLES = 'eutf:identity:roles';
export const PUBLIC_ROUTE = 'eutf:identity:public';

/**
 * The roles allowed on a route (or every route of a controller); holding any one of them is
 * enough. Scope (country, organisation) is checked by the handler with `assertCountryScope` /
 * `assertOrgScope` before it reads any state. A route with neither `@Roles` nor `@Public` is
 * refused to everyone: forgetting to say who may call it must not open it.
 */
export const Roles = (...roles: [Role, ...Role[]]) =>
  applyDecorators(
    SetMetadata(REQUIRED_ROLES, roles),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'No bearer token, or one that is expired, forged or misaddressed' }),
    ApiForbiddenResponse({ description: `Allowed for ${roles.join(', ')} (within their scope)` }),
  );

/** No token needed (health, documentation). Wins over `@Roles` on the controller. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);
