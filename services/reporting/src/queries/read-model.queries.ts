import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { countryPartnershipProjection, type CountryPartnershipDoc } from '../read-models/country-partnership.projection';
import { projectRegisterProjection, type ProjectRegisterDoc } from '../read-models/project-register.projection';

export interface ProjectFilter {
  country?: string;
  window?: string;
  partner?: string;
  status?: string;
}

/** Drops the toolkit's bookkeeping (`_id`, `_rev`, `_streamVersions`) from what the API returns. */
function withoutBookkeeping<T>(document: Record<string, unknown>): T {
  const { _id: _omitId, _rev: _omitRev, _streamVersions: _omitVersions, ...rest } = document;
  return rest as T;
}

/** Reads of the live read models. */
@Injectable()
export class ReadModelQueries {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  async projects(filter: ProjectFilter): Promise<ProjectRegisterDoc[]> {
    const query: Record<string, string> = {};
    if (filter.country) query['countries'] = filter.country;
    if (filter.window) query['window'] = filter.window;
    if (filter.partner) query['implementingPartners'] = filter.partner;
    if (filter.status) query['status'] = filter.status;
    const documents = await this.connection.collection(projectRegisterProjection.collection).find(query).sort({ reference: 1 }).toArray();
    return documents.map((document) => withoutBookkeeping<ProjectRegisterDoc>(document));
  }

  async project(projectId: string): Promise<ProjectRegisterDoc | undefined> {
    const document = await this.connection.collection(projectRegisterProjection.collection).findOne({ _id: projectId as never });
    return document ? withoutBookkeeping<ProjectRegisterDoc>(document) : undefined;
  }

  async countryPartnership(country: string): Promise<CountryPartnershipDoc | undefined> {
    const document = await this.connection.collection(countryPartnershipProjection.collection).findOne({ _id: country as never });
    return document ? withoutBookkeeping<CountryPartnershipDoc>(document) : undefined;
  }
}
