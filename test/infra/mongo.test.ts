import mongoose, { Schema, type Connection } from 'mongoose';
import { testMongoUri, uniqueName } from '../support/test-env';

/** The local document store speaks the MongoDB protocol well enough for mongoose. */
describe('local document store (FerretDB in development, MongoDB in docker-compose)', () => {
  let connection: Connection;

  const Item = new Schema(
    { organisation_id: String, url: String, n: Number },
    { timestamps: true },
  );
  Item.index({ organisation_id: 1, url: 1 }, { unique: true });

  beforeAll(async () => {
    connection = await mongoose.createConnection(testMongoUri(uniqueName('infra'))).asPromise();
    const info = (await connection.db!.admin().command({ buildInfo: 1 })) as Record<
      string,
      unknown
    >;
    const ferret = info.ferretdb as { package?: string } | undefined;
    console.log(
      `[integration] document store: MongoDB ${String(info.version)} protocol${ferret ? `, FerretDB (${ferret.package ?? 'embedded'})` : ''}`,
    );
  });
  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  it('writes, reads and enforces a unique index', async () => {
    const items = connection.model('Item', Item);
    await items.init(); // builds the indexes
    await items.create({ organisation_id: 'org-1', url: 'https://a.example', n: 1 });
    await items.create({ organisation_id: 'org-2', url: 'https://a.example', n: 2 });

    const found = await items.find({ url: 'https://a.example' }).sort({ n: 1 }).lean();
    expect(found.map((item) => item.organisation_id)).toEqual(['org-1', 'org-2']);

    await expect(
      items.create({ organisation_id: 'org-1', url: 'https://a.example', n: 3 }),
    ).rejects.toMatchObject({
      code: 11000,
    });
  });
});
