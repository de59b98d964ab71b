import { documentContentHashBatch } from './knowledge/data-migrations.server'
import type { DataMigrationDefinition } from './system/data-migrations.server'

/**
 * Every batch data migration, oldest first (run by `npm run db:data-migrate`, recorded in
 * DataMigration; the runner is system/data-migrations.server.ts). A name is never reused or
 * removed once it has run anywhere; a migration stays here until no database can lack it.
 */
export const DATA_MIGRATIONS: readonly DataMigrationDefinition[] = [
  {
    name: '20261207_document_content_hash',
    description: 'Document.contentHash for documents stored before it was computed',
    batch: documentContentHashBatch,
  },
]
