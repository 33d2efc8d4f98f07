import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from './auth.guard';
import { TokenVerifier } from './token-verifier';

describe('the guard outside HTTP', () => {
  it('lets Kafka message handlers through: a message is not a user request', async () => {
    const verifier = new TokenVerifier({ kind: 'development', secret: 'a-secret-for-these-specs-only-0123456789' });
    const verify = jest.spyOn(verifier, 'verify');
    const messageContext = { getType: () => 'rpc' } as unknown as ExecutionContext;

    await expect(new AuthGuard(verifier, new Reflector(), {} as never).canActivate(messageContext)).resolves.toBe(true);
    expect(verify).not.toHaveBeenCalled();
  });
});
