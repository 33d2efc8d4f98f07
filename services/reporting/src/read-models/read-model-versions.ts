import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Projection, ProjectionStore, ProjectionStores } from '@eutf/projections';
import type { Connection, mongo } from 'mongoose';
import { READ_MODEL_PROJECTIONS } from './read-models.options';

/** One small document per read model, `{ _id: <projection name>, version }`, beside the read models. */
export const READ_MODEL_VERSIONS_COLLECTION = 'read_model_versions';

interface VersionDocument {
  _id: string;
  version: number;
}

const versionsOf = (connection: Connection) => connection.collection<VersionDocument>(READ_MODEL_VERSIONS_COLLECTION);

/**
 * The read models' stores, each bumping its read model's version once a batch has been written
 * (and after a drop), so that whatever was computed from the read models can tell, with one small
 * read, whether they are still as it read them — on every replica, also one that did not write the
 * batch itself.
 *
 * Bumped after the write, so a version read before the documents never names documents older than
 * those read. Bumped after every batch, also one that changed nothing: a batch redelivered after a
 * crash between its write and its bump changes nothing the second time, and its bump is then the
 * one that says the documents moved.
 */
export function versionedProjectionStores(stores: ProjectionStores, connection: Connection): ProjectionStores {
  const bump = (name: string) => versionsOf(connection).updateOne({ _id: name }, { $inc: { version: 1 } }, { upsert: true });
  return {
    of<Doc extends object>(projection: Projection<Doc>): ProjectionStore<Doc> {
      const store = stores.of(projection);
      return {
        get: (documentId) => store.get(documentId),
        getMany: (documentIds) => store.getMany(documentIds),
        find: (filter, options) => store.find(filter, options),
        prepare: () => store.prepare(),
        load: (documentIds) => store.load(documentIds),
        save: async (changes) => {
          await store.save(changes);
          await bump(projection.name);
        },
        drop: async () => {
          await store.drop();
          await bump(projection.name);
        },
      };
    },
  };
}

/** Reads the read models' versions: what a cached answer is keyed by. */
@Injectable()
export class ReadModelVersions {
  private readonly names = READ_MODEL_PROJECTIONS.map((projection) => projection.name);

  constructor(@InjectConnection() private readonly connection: Connection) {}

  /** Every read model's version, as one key (`project-register:12 finance:3 …`), in one read by `_id`. */
  async current(): Promise<string> {
    const collection: mongo.Collection<VersionDocument> = versionsOf(this.connection);
    const stored = await collection.find({ _id: { $in: this.names } }).toArray();
    const version = new Map(stored.map((document) => [document._id, document.version]));
    return this.names.map((name) => `${name}:${version.get(name) ?? 0}`).join(' ');
  }
}
