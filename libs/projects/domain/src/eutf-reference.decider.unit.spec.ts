import { deciderSpecification } from '@eutf/event-sourcing/testing';
import type { EutfReferenceEvent } from '@eutf/event-catalog';
import { eutfReferenceDecider } from './eutf-reference.decider';

const spec = deciderSpecification(eutfReferenceDecider);
const reference = 'T05-EUTF-SAH-ML-04';
const reservedBy = (projectId: string): EutfReferenceEvent => ({ type: 'EutfReferenceReserved', data: { reference, projectId } });
const releasedBy = (projectId: string): EutfReferenceEvent => ({ type: 'EutfReferenceReleased', data: { reference, projectId } });

describe('an EUTF reference', () => {
  it('is reserved by one project; the same project again changes nothing; another is refused', () => {
    spec.given([]).when({ type: 'ReserveEutfReference', reference, projectId: 'ml-iom' }).then([reservedBy('ml-iom')]);
    spec.given([reservedBy('ml-iom')]).when({ type: 'ReserveEutfReference', reference, projectId: 'ml-iom' }).then([]);
    spec.given([reservedBy('ml-iom')]).when({ type: 'ReserveEutfReference', reference, projectId: 'ml-aecid' }).thenRefuses('reference-taken', 409);
  });

  it('is released only by the project that holds it, and can then be reserved by another', () => {
    spec.given([reservedBy('ml-iom')]).when({ type: 'ReleaseEutfReference', reference, projectId: 'ml-iom' }).then([releasedBy('ml-iom')]);
    spec.given([reservedBy('ml-iom')]).when({ type: 'ReleaseEutfReference', reference, projectId: 'ml-aecid' }).then([]);
    spec
      .given([reservedBy('ml-iom'), releasedBy('ml-iom')])
      .when({ type: 'ReserveEutfReference', reference, projectId: 'ml-aecid' })
      .then([reservedBy('ml-aecid')]);
  });
});
