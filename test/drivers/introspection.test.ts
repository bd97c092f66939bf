import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DriverConnection } from '../../src/main/drivers/driver'
import type { TableSchema } from '../../src/shared/contract'
import { notRunBecause } from '../helpers/engine-harness'
import type { TestDatabase } from '../helpers/engine-harness'
import { failureOf } from '../helpers/streams'
import { engines } from './engines'

const column = (schema: TableSchema, name: string) => {
  const found = schema.columns.find((c) => c.name === name)
  if (!found) throw new Error(`no column ${name} in ${schema.name}`)
  return found
}
const index = (schema: TableSchema, name: string) => {
  const found = schema.indexes.find((i) => i.name === name)
  if (!found) throw new Error(`no index ${name} on ${schema.name}`)
  return found
}

describe.each(engines.map((make) => [make().engine, make] as const))('%s: introspection', (_engine, make) => {
  const harness = make()
  const lacks = harness.fixtures.lacks ?? {}
  const { documentCatalog } = harness.fixtures
  /** Tests of declared columns, keys and foreign keys: only where the engine declares them. */
  const relational = (name: string, test: () => Promise<void>) =>
    lacks.relationalCatalog
      ? (notRunBecause(harness.engine, name, 'documents have no declared columns or keys'), it.skip(name, () => {}))
      : it(name, test)
  let db: TestDatabase
  let connection: DriverConnection
  const tableSchema = (table: string) => connection.tableSchema(db.name, db.schema, table)

  beforeAll(async () => {
    db = await harness.createDatabase('catalog', harness.fixtures.catalog)
    connection = await harness.driver().connect(db.options)
  })
  afterAll(async () => {
    await connection?.close()
    await harness.cleanup()
  })

  it('lists the database and its schema', async () => {
    const databases = await connection.databases()
    // A server with several databases lists them all (other tests' included).
    if (!harness.driver().capabilities.multipleDatabases) expect(databases.map((d) => d.name)).toEqual([db.name])
    expect(databases.find((d) => d.name === db.name)?.sizeBytes).toBeGreaterThan(0)
    const schemas = await connection.schemas(db.name)
    expect(schemas).toContainEqual({ name: db.schema, isSystem: false })
  })

  it('lists tables and views with row counts, hiding internal tables', async () => {
    const tables = await connection.tables(db.name, db.schema)
    expect(tables.map((t) => t.name).sort()).toEqual(['authors', 'books', 'published_books', 'reviews', 'tags'])
    const byName = new Map(tables.map((t) => [t.name, t]))
    const exact = !harness.driver().capabilities.estimatedRowCounts
    expect(byName.get('books')).toMatchObject({ kind: 'table', rowCount: 3, rowCountExact: exact, schema: db.schema })
    expect(byName.get('reviews')).toMatchObject({ kind: 'table', rowCount: 0 })
    expect(byName.get('published_books')).toMatchObject({ kind: 'view', rowCount: null })
  })

  relational('describes columns: types, nullability, defaults, keys', async () => {
    const authors = await tableSchema('authors')
    expect(authors.kind).toBe('table')
    expect(authors.columns.map((c) => c.name)).toEqual(['id', 'email', 'name', 'born'])
    expect(authors.primaryKey).toEqual(['id'])
    expect(column(authors, 'id')).toMatchObject({ primaryKeyPosition: 1, nullable: false, autoIncrement: true })
    expect(column(authors, 'email')).toMatchObject({ nullable: false, unique: true, primaryKeyPosition: null })
    expect(column(authors, 'name').dataType).toMatch(
      lacks.varcharLength ? /^varchar$/i : /^(varchar|character varying)\(100\)$/i,
    )
    expect(column(authors, 'name').defaultValue).toMatch(/anonymous/)
    expect(column(authors, 'born')).toMatchObject({
      nullable: true,
      unique: false,
      defaultValue: null,
      autoIncrement: false,
    })
    expect(authors.definition).toMatch(/CREATE TABLE ([`"[]?\w+[`"\]]?\.)?[`"[]?authors/i)
  })

  relational('reports composite primary keys in key order', async () => {
    const tags = await tableSchema('tags')
    expect(tags.primaryKey).toEqual(['book_id', 'tag'])
    expect(column(tags, 'tag')).toMatchObject({ primaryKeyPosition: 2, autoIncrement: false, unique: false })
    expect(tags.indexes.filter((i) => i.primary).map((i) => i.columns)).toEqual([['book_id', 'tag']])
  })

  relational('reports indexes: unique, partial with predicate, expressions', async () => {
    const books = await tableSchema('books')
    expect(index(books, 'books_isbn')).toMatchObject({ columns: ['isbn'], unique: true, primary: false })
    if (lacks.partialIndexes) {
      expect(index(books, 'books_isbn').predicate).toBeNull()
      expect(column(books, 'isbn').unique).toBe(true)
    } else {
      expect(index(books, 'books_isbn').predicate).toMatch(/isbn\]? is not null/i)
      // A partial unique index does not make the column unique.
      expect(column(books, 'isbn').unique).toBe(false)
    }
    const expression = index(books, 'books_title_lower')
    expect(expression).toMatchObject({ unique: false, predicate: null })
    expect(expression.columns).toHaveLength(2)
    expect(expression.columns[0]).toMatch(lacks.expressionIndexes ? /^title$/ : /lower\([`"]?title[`"]?\)/i)
    expect(expression.columns[1]).toBe('published')
    expect(column(books, 'price').defaultValue).toBe('9.99')
  })

  relational('reports foreign keys with their actions and referenced columns', async () => {
    const books = await tableSchema('books')
    expect(books.foreignKeys).toEqual([
      expect.objectContaining({
        columns: ['author_id'],
        referencedSchema: db.schema,
        referencedTable: 'authors',
        referencedColumns: ['id'],
        onDelete: lacks.referentialActions ? 'NO ACTION' : 'CASCADE',
        onUpdate: lacks.restrictAction || lacks.referentialActions ? 'NO ACTION' : 'RESTRICT',
      }),
    ])
    // REFERENCES books, no columns: the referenced table's primary key.
    const tags = await tableSchema('tags')
    expect(tags.foreignKeys).toEqual([
      expect.objectContaining({
        columns: ['book_id'],
        referencedTable: 'books',
        referencedColumns: ['id'],
        onDelete: lacks.referentialActions ? 'NO ACTION' : lacks.setNullOnKeyColumns ? 'CASCADE' : 'SET NULL',
      }),
    ])
    const reviews = await tableSchema('reviews')
    expect(reviews.foreignKeys).toEqual([
      expect.objectContaining({
        columns: ['book_id', 'tag'],
        referencedTable: 'tags',
        referencedColumns: ['book_id', 'tag'],
      }),
    ])
    expect(reviews.foreignKeys[0]?.onUpdate).toMatch(/no action/i)
  })

  relational('describes views with their definition', async () => {
    const view = await tableSchema('published_books')
    expect(view.kind).toBe('view')
    expect(view.columns.map((c) => c.name)).toEqual(['id', 'title', 'author'])
    expect(view.primaryKey).toEqual([])
    expect(view.definition).toMatch(/SELECT [`"]?b[`"]?\.[`"]?id/i)
  })

  if (documentCatalog) {
    it('infers a collection’s schema from its documents, with indexes and validator', async () => {
      const schema = await tableSchema(documentCatalog.table)
      const inferred = schema.documentSchema
      expect(inferred?.sampleSize).toBeGreaterThan(0)
      const types = Object.fromEntries(inferred!.fields.map((f) => [f.path, f.types.map((t) => t.type).sort()]))
      for (const [path, expected] of Object.entries(documentCatalog.fields))
        expect(types[path], path).toEqual([...expected].sort())
      expect(schema.indexes.map((i) => i.name).sort()).toEqual([...documentCatalog.indexes].sort())
      expect(inferred!.validator).toMatch(documentCatalog.validator)
      const view = await tableSchema('published_books')
      expect(view.kind).toBe('view')
      expect(view.definition).toBeTruthy()
    })
  }

  it('answers not-found for unknown tables, schemas and databases', async () => {
    await failureOf(tableSchema('nope'), 'not-found')
    await failureOf(connection.tables(db.name, 'no_such_schema'), 'not-found')
    await failureOf(connection.schemas('no_such_database'), 'not-found')
  })
})
