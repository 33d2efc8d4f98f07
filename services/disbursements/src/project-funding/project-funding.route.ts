import { applyDecorators, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ContractSigned, ledgerEntryId, projectFundingStream, TrancheRequested } from '@eutf/event-catalog';
import { projectIdParam } from '@eutf/reference-data';
import { z } from 'zod';

/** `/projects/{projectId}/…`: a project's funding ledger. */
export const fundingParams = z.object({ projectId: projectIdParam });
export const contractParams = fundingParams.extend({ contractId: ledgerEntryId });
export const trancheParams = contractParams.extend({ trancheId: ledgerEntryId });
export type FundingParams = z.infer<typeof fundingParams>;
export type ContractParams = z.infer<typeof contractParams>;
export type TrancheParams = z.infer<typeof trancheParams>;

/** A route of a project's funding ledger, documented under "funding". */
export const FundingRoute = () => applyDecorators(ApiTags('funding'), Controller('projects'));

const projectId = 'T05-EUTF-NOA-LY-04';

/**
 * What every ledger route shares: the examples its documentation shows, and when to retry a
 * command on a project whose registration has not reached this service yet (it comes through
 * Kafka, usually within a second or two).
 */
export const FUNDING_ROUTE = {
  streamId: projectFundingStream.id(projectId),
  paramExamples: { projectId, contractId: ContractSigned.example.contractId, trancheId: TrancheRequested.example.trancheId },
  retryAfter: { 'project-unknown': 2 },
};
