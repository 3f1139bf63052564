import { createDatabase, migrateToLatest, type DatabaseHandle } from '@amtsweg/db';
import { acquireDataDirLock, type LockOwner } from './data-dir-lock';

export interface InstallationDatabaseOptions {
  /** What holds the embedded data folder (written into its lock). */
  program: string;
  /** A stale lock of the embedded data folder was taken over; `reason` says why it was stale. */
  onStaleLock?: (owner: LockOwner | undefined, file: string, reason: string) => void;
  /** The embedded data folder's lock stopped being this process's while it held it (see `acquireDataDirLock`). */
  onLost?: (reason: string) => void;
  onConnectionError?: (error: Error) => void;
}

/**
 * Opens the installation's database as the server and the CLI both do — PostgreSQL with `databaseUrl`, else
 * PGlite in `dataDir` after taking the folder's lock — and migrates it. `close()` closes the database and
 * then releases the lock.
 */
export async function openInstallationDatabase(
  location: { databaseUrl: string | undefined; dataDir: string },
  options: InstallationDatabaseOptions,
): Promise<DatabaseHandle> {
  if (location.databaseUrl) {
    const database = await createDatabase({ databaseUrl: location.databaseUrl, onConnectionError: options.onConnectionError });
    return migrated(database, () => undefined);
  }
  const lock = acquireDataDirLock(location.dataDir, { program: options.program, onStaleLock: options.onStaleLock, onLost: options.onLost });
  let database: DatabaseHandle;
  try {
    database = await createDatabase({ dataDir: location.dataDir });
  } catch (error) {
    lock.release();
    throw error;
  }
  return migrated(database, () => lock.release());
}

async function migrated(database: DatabaseHandle, release: () => void): Promise<DatabaseHandle> {
  let closed: Promise<void> | undefined;
  const handle: DatabaseHandle = {
    db: database.db,
    kind: database.kind,
    close: () => (closed ??= database.close().finally(release)),
  };
  try {
    await migrateToLatest(database.db);
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw error;
  }
  return handle;
}
