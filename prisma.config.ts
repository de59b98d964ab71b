import { defineConfig } from 'prisma/config'

/**
 * Used by our migration scripts (scripts/db-*.ts, through Prisma's wasm schema
 * engine) and by the native Prisma CLI for anyone who has it (`prisma generate`,
 * `prisma migrate deploy` against a local file).
 */
export default defineConfig({
  schema: 'prisma/schema',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'file:./data/questlog.db' },
  experimental: { externalTables: true },
  tables: {
    // Created by hand in migration SQL, since Prisma cannot express them.
    external: [
      'DocumentChunkFts',
      'DocumentChunkFts_content',
      'DocumentChunkFts_data',
      'DocumentChunkFts_idx',
      'DocumentChunkFts_docsize',
      'DocumentChunkFts_config',
      'TopicFts',
      'TopicFts_content',
      'TopicFts_data',
      'TopicFts_idx',
      'TopicFts_docsize',
      'TopicFts_config',
      'TaskFts',
      'TaskFts_content',
      'TaskFts_data',
      'TaskFts_idx',
      'TaskFts_docsize',
      'TaskFts_config',
      'QuestFts',
      'QuestFts_content',
      'QuestFts_data',
      'QuestFts_idx',
      'QuestFts_docsize',
      'QuestFts_config',
      'NuggetFts',
      'NuggetFts_content',
      'NuggetFts_data',
      'NuggetFts_idx',
      'NuggetFts_docsize',
      'NuggetFts_config',
      'DocumentFts',
      'DocumentFts_content',
      'DocumentFts_data',
      'DocumentFts_idx',
      'DocumentFts_docsize',
      'DocumentFts_config',
      'DocumentChunkEmbedding',
      'NuggetEmbedding',
      'libsql_vector_meta_shadow',
      'DocumentChunkEmbedding_vector_idx_shadow',
      'NuggetEmbedding_vector_idx_shadow',
    ],
  },
})
