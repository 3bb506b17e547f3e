// Readiness probe for scripts/ferretdb.sh: connects with the MongoDB driver and runs
// `ping`. Exit 0 when the server answers.
import mongoose from 'mongoose';

const uri = process.argv[2] ?? 'mongodb://127.0.0.1:27017/';
try {
  const connection = await mongoose
    .createConnection(uri, { serverSelectionTimeoutMS: 1000 })
    .asPromise();
  await connection.db.admin().ping();
  await connection.close();
  process.exitCode = 0;
} catch {
  process.exitCode = 1;
}
