import { projectRegisteredData } from '@eutf/event-catalog';
import { eutfReferenceTextSchema, knownCountryCodeSchema, provisionalProjectId } from '@eutf/reference-data';
import { z } from 'zod';

/** The registration as the event records it; what documents often leave out may be left out here too (unknown). */
export const registerProjectBody = projectRegisteredData
  .omit({ projectId: true })
  .extend({
    reference: eutfReferenceTextSchema.nullable().default(null),
    projectId: provisionalProjectId.optional(),
    // Every country named must be a real one, and named once: the project's scope rests on them.
    countries: z
      .array(knownCountryCodeSchema)
      .min(1)
      .max(30)
      .refine((codes) => new Set(codes).size === codes.length, 'a country is named twice'),
    // Named by whoever lists several countries; a project in one country is led by it.
    leadCountry: knownCountryCodeSchema.optional(),
    window: projectRegisteredData.shape.window.default(null),
    implementingPartners: projectRegisteredData.shape.implementingPartners.default([]),
    euContributionCents: projectRegisteredData.shape.euContributionCents.default(null),
    adoptedOn: projectRegisteredData.shape.adoptedOn.default(null),
    startDate: projectRegisteredData.shape.startDate.default(null),
    endDate: projectRegisteredData.shape.endDate.default(null),
  })
  .superRefine((body, context) => {
    if (body.leadCountry === undefined && body.countries.length > 1) {
      context.addIssue({ code: 'custom', path: ['leadCountry'], message: 'required when the project lists several countries: the one whose officer manages it' });
    }
    if (body.leadCountry !== undefined && !body.countries.includes(body.leadCountry)) {
      context.addIssue({ code: 'custom', path: ['leadCountry'], message: "must be one of the project's countries" });
    }
    if (body.reference === null && body.projectId === undefined) {
      context.addIssue({ code: 'custom', path: ['projectId'], message: 'required when there is no EUTF reference: a provisional id such as ml-eu-iom-joint-initiative' });
    }
    if (body.reference !== null && body.projectId !== undefined) {
      context.addIssue({ code: 'custom', path: ['projectId'], message: 'only for a project without an EUTF reference: a referenced project is known by its reference' });
    }
  });
export type RegisterProjectRequest = z.infer<typeof registerProjectBody>;
