import { ReturnOperationRegistered, returnOperationRegisteredData } from '@eutf/event-catalog';
import type { z } from 'zod';
import { partnerId } from '../../partner-request';

/** An operation as the partner registers it: its own id (hashed before it is stored), no project or partner (the path and the token say them). */
export const registerReturnOperationBody = returnOperationRegisteredData.omit({ projectId: true, partner: true }).extend({ operationId: partnerId });
export type RegisterReturnOperationRequest = z.infer<typeof registerReturnOperationBody>;

const { projectId: _projectId, partner: _partner, ...example } = ReturnOperationRegistered.example;
export const REGISTER_RETURN_OPERATION_EXAMPLE = { ...example, operationId: 'ly-ml-2017-05-charter-1' };
