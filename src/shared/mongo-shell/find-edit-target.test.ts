import { describe, expect, it } from 'vitest'
import { findEditTarget } from './find-edit-target'

describe('findEditTarget', () => {
  it('a find on one collection is edited there, with a projection of top-level fields', () => {
    expect(findEditTarget('db.users.find({ age: { $gt: 30 } }).sort({ name: 1 }).limit(10)')).toEqual({
      editable: true,
      collection: 'users',
    })
    expect(findEditTarget('db.getCollection("a.b").find({}, { name: 1, _id: true })')).toEqual({
      editable: true,
      collection: 'a.b',
    })
  })

  it('says why an aggregate, a computed or nested projection, or a script is read-only', () => {
    expect(findEditTarget('db.users.aggregate([{ $match: {} }])')).toEqual({
      editable: false,
      message:
        'Read-only: documents are edited from a find on one collection (this is an aggregate: its stages reshape them)',
    })
    expect(findEditTarget('db.users.find({}, { "address.city": 1 })').editable).toBe(false)
    expect(findEditTarget('db.users.find({}, { tags: { $slice: 2 } })').editable).toBe(false)
    expect(findEditTarget('db.users.find({}, { n: "$name" })').editable).toBe(false)
    expect(findEditTarget('db.users.find()\ndb.orders.find()').editable).toBe(false)
    expect(findEditTarget('db.users.countDocuments({})')).toEqual({
      editable: false,
      message: 'Read-only: documents are edited from a find on one collection (this is a countDocuments)',
    })
  })
})
