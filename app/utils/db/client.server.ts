import type { DatabaseConfig } from '../env.server'
import { LocalDatabaseClient } from './local.server'
import { RemoteDatabaseClient } from './remote.server'
import { ReplicaDatabaseClient } from './replica.server'
import type { ClientOptions, DatabaseClient } from './types'

// The interfaces live in ./types.ts, which the three clients implement without importing this file.
export type { ClientOptions, DatabaseClient, DatabaseHealth, ReplicaStatus } from './types'

/** Opens the one libSQL connection of the process in the mode of `config` (see DatabaseClient in ./types.ts). */
export async function openDatabaseClient(config: DatabaseConfig, options: ClientOptions): Promise<DatabaseClient> {
  switch (config.mode) {
    case 'local': {
      const client = new LocalDatabaseClient(config.url, options)
      await client.init()
      return client
    }
    case 'remote': {
      const client = new RemoteDatabaseClient(config.url, config.authToken, options)
      await client.init()
      return client
    }
    case 'replica': {
      const client = new ReplicaDatabaseClient(config, options)
      await client.init()
      return client
    }
  }
}
