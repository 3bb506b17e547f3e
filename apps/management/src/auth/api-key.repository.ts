import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import {
  API_KEY_REVOCATION_MODEL,
  REVOCATIONS_ID,
  type ApiKeyRevocationRecord,
} from './api-key-revocation.schema';
import { API_KEY_MODEL, type ApiKeyRecord } from './api-key.schema';

/** API keys in MongoDB; plain objects out. */
@Injectable()
export class ApiKeyRepository implements OnModuleInit {
  constructor(
    @InjectModel(API_KEY_MODEL) private readonly model: Model<ApiKeyRecord>,
    @InjectModel(API_KEY_REVOCATION_MODEL)
    private readonly revocations: Model<ApiKeyRevocationRecord>,
  ) {}

  async onModuleInit(): Promise<void> {
    await Promise.all([this.model.init(), this.revocations.init()]);
  }

  /** How many revocations there have been (0 before the first): one read by `_id`. */
  async revocationEpoch(): Promise<number> {
    const record = await this.revocations
      .findOne({ _id: REVOCATIONS_ID })
      .lean<ApiKeyRevocationRecord>()
      .exec();
    return record?.epoch ?? 0;
  }

  /** Counts a revocation, so every instance forgets its cached keys. */
  async raiseRevocationEpoch(at: Date): Promise<void> {
    await this.revocations
      .updateOne(
        { _id: REVOCATIONS_ID },
        { $inc: { epoch: 1 }, $set: { revoked_at: at } },
        { upsert: true },
      )
      .exec();
  }

  async insert(record: ApiKeyRecord): Promise<void> {
    await this.model.create(record);
  }

  findByHash(keyHash: string): Promise<ApiKeyRecord | null> {
    return this.model.findOne({ key_hash: keyHash }).lean<ApiKeyRecord>().exec();
  }

  /** An organisation's keys, newest first, at most `limit`. */
  listForOrganisation(organisationId: string, limit: number): Promise<ApiKeyRecord[]> {
    return this.model
      .find({ organisation_id: organisationId })
      .sort({ created_at: -1, _id: -1 })
      .limit(limit)
      .lean<ApiKeyRecord[]>()
      .exec();
  }

  findById(id: string): Promise<ApiKeyRecord | null> {
    return this.model.findOne({ _id: id }).lean<ApiKeyRecord>().exec();
  }

  /** Deletes the key; false when there was none with this id. */
  async delete(id: string): Promise<boolean> {
    const result = await this.model.deleteOne({ _id: id }).exec();
    return result.deletedCount > 0;
  }

  /** Records that the key authenticated a request at `at` (one write, by id). */
  async setLastUsed(id: string, at: Date): Promise<void> {
    await this.model.updateOne({ _id: id }, { $set: { last_used_at: at } }).exec();
  }
}
