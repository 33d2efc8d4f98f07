import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection, mongo } from 'mongoose';
import type { PeriodClosure } from './period-closures';

interface StoredClosure extends Omit<PeriodClosure, 'closureId'> {
  _id: string;
  /** The frozen report's canonical JSON, kept as text so that it is served byte for byte. */
  report: string;
}

const DUPLICATE_KEY = 11000;

/** This version of the period was closed by someone else first. */
export class ClosureTakenError extends Error {}

/**
 * The closed periods and their frozen reports, in reporting's MongoDB. Not a read model: nothing
 * here can be rebuilt from the topics (who closed what, when), so a rebuild never drops it. Each
 * version is written once (its id is unique) and never updated.
 */
@Injectable()
export class PeriodClosuresStore {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  private get collection(): mongo.Collection<StoredClosure> {
    return this.connection.collection<StoredClosure>('period_closures');
  }

  /** Every version of every closed period, without their reports. */
  async all(): Promise<PeriodClosure[]> {
    const stored = await this.collection.find({}, { projection: { report: 0 } }).sort({ _id: 1 }).toArray();
    return stored.map(({ _id, report: _report, ...closure }) => ({ closureId: _id, ...closure }));
  }

  /** One version with its frozen report's text. */
  async get(closureId: string): Promise<{ closure: PeriodClosure; report: string } | undefined> {
    const stored = await this.collection.findOne({ _id: closureId });
    if (!stored) return undefined;
    const { _id, report, ...closure } = stored;
    return { closure: { closureId: _id, ...closure }, report };
  }

  async insert(closure: PeriodClosure, report: string): Promise<void> {
    const { closureId, ...rest } = closure;
    try {
      await this.collection.insertOne({ _id: closureId, ...rest, report });
    } catch (error) {
      if ((error as { code?: unknown }).code === DUPLICATE_KEY) throw new ClosureTakenError(closureId);
      throw error;
    }
  }
}
