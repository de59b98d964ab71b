/**
 * Reads the achievements catalogue (docs/achievements.md): content/achievements/<category>.json,
 * validated, with every problem named by file and field. Reads files only; the database side is
 * catalogue-sync.server.ts.
 */
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { ACHIEVEMENTS_FOLDER, readValidated, type ContentIssue } from '~/modules/content/content-files.server'
import { validateCatalogueFile, type CatalogueEntry } from './catalogue-schema'

export const CATALOGUE_ROOT = join('content', ACHIEVEMENTS_FOLDER)

export interface LoadedCatalogueFile {
  /** the file's name without ".json", which its `category` must equal */
  category: string
  file: string
  /** set when the file is valid */
  entries?: CatalogueEntry[]
  errors: ContentIssue[]
}

export interface LoadedCatalogue {
  root: string
  files: LoadedCatalogueFile[]
  /** problems with the folder itself (missing, unreadable) */
  errors: ContentIssue[]
}

export async function loadCatalogue(root = CATALOGUE_ROOT): Promise<LoadedCatalogue> {
  let names: string[]
  try {
    names = (await readdir(root, { withFileTypes: true }))
      .filter((e) => e.isFile() && e.name.endsWith('.json') && !/^[._]/.test(e.name))
      .map((e) => e.name)
      .sort()
  } catch {
    return { root, files: [], errors: [{ file: root, path: '', message: 'achievements folder not found' }] }
  }
  const files = await Promise.all(
    names.map(async (name): Promise<LoadedCatalogueFile> => {
      const category = name.slice(0, -'.json'.length)
      const file = join(root, name)
      const result = await readValidated(file, (json) => validateCatalogueFile(json, category))
      return { category, file, entries: result.value, errors: result.errors }
    }),
  )
  checkKeysUnique(files)
  return { root, files, errors: [] }
}

/** Achievement.key is unique across files: a key in two files fails both (neither wins by file order). */
function checkKeysUnique(files: LoadedCatalogueFile[]) {
  const holders = new Map<string, LoadedCatalogueFile[]>()
  for (const f of files) for (const e of f.entries ?? []) holders.set(e.key, [...(holders.get(e.key) ?? []), f])
  for (const [key, inFiles] of holders) {
    if (inFiles.length < 2) continue
    for (const f of inFiles) {
      const index = f.entries!.findIndex((e) => e.key === key)
      const others = inFiles.filter((o) => o !== f).map((o) => o.file)
      f.errors.push({
        file: f.file,
        path: `achievements[${index}].key`,
        message: `"${key}" is also in ${others.join(', ')}`,
      })
    }
  }
  for (const f of files) if (f.errors.length > 0) delete f.entries
}

/** Every valid entry, in file order. */
export function validEntries(catalogue: LoadedCatalogue): CatalogueEntry[] {
  return catalogue.files.flatMap((f) => f.entries ?? [])
}

export function catalogueIssues(catalogue: LoadedCatalogue): ContentIssue[] {
  return [...catalogue.errors, ...catalogue.files.flatMap((f) => f.errors)]
}
