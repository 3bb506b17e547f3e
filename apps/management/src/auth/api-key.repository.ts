import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { API_KEY_MODEL, type ApiKeyRecord } from './api-key.schema';

/** API keys in MongoDB; plain objects out. */
@Injectable()
export class ApiKeyRepository implements OnModuleInit {
  constructor(@InjectModel(API_KEY_MODEL) private readonly model: Model<ApiKeyRecord>) {}

  async onModuleInit(): Promise<void> {
    await this.model.init();
  }

  async insert(record: ApiKeyRecord): Promise<void> {
    await this.model.create(record);
  }

  findByHash(keyHash: string): Promise<ApiKeyRecord | null> {
    return this.model.findOne({ key_hash: keyHash }).lean<ApiKeyRecord>().exec();
  }
}
