// The per-operation case types (OperationTypes) held to the operation table's own types:
// a field renamed in an operation and not in the table fails the typecheck here.
import type * as v from 'valibot'
import { expect, expectTypeOf, test } from 'vitest'
import { operationsByName } from '../src/operations/index.js'
import type * as operations from '../src/operations/index.js'
import type { OperationArgs, OperationName, OperationResult } from '../src/testing/index.js'

type Entries = {
  'get-contact': typeof operations.getContact
  'search-contacts': typeof operations.searchContacts
  'add-group': typeof operations.addGroup
  'get-groups': typeof operations.getGroups
  'get-group': typeof operations.getGroup
  'edit-group': typeof operations.editGroup
  'delete-group': typeof operations.deleteGroup
  'get-group-contacts': typeof operations.getGroupContacts
  'add-contact': typeof operations.addContact
  'edit-contact': typeof operations.editContact
  'delete-contact': typeof operations.deleteContact
  'get-sender': typeof operations.getSender
  'send-sms': typeof operations.sendSms
  'cancel-order': typeof operations.cancelOrder
  'get-report': typeof operations.getReport
  'get-reports': typeof operations.getReports
  'get-balance': typeof operations.getBalance
  'get-blacklist': typeof operations.getBlacklist
  'add-blacklist': typeof operations.addBlacklist
  'delete-blacklist': typeof operations.deleteBlacklist
  'consent/create': typeof operations.consentCreate
  'consent/show': typeof operations.consentShow
}

// Args the table types admit are what the operation's input schema accepts; results are the operation's own.
type ArgsFit<Name extends OperationName> = OperationArgs<Name> extends v.InferInput<Entries[Name]['input']> ? true : false
type ResultFits<Name extends OperationName> = [OperationResult<Name>] extends [ReturnType<Entries[Name]['result']>]
  ? [ReturnType<Entries[Name]['result']>] extends [OperationResult<Name>]
    ? true
    : false
  : false
type Every<Check extends Record<OperationName, boolean>> = Check[OperationName]

test('every operation has an entry whose args fit its input and whose result is its own', () => {
  expectTypeOf<Every<{ [Name in OperationName]: ArgsFit<Name> }>>().toEqualTypeOf<true>()
  expectTypeOf<Every<{ [Name in OperationName]: ResultFits<Name> }>>().toEqualTypeOf<true>()
  expectTypeOf<keyof Entries>().toEqualTypeOf<OperationName>()
})

test('OperationTypes names every operation of the operation table, no more', () => {
  // `satisfies` fails the typecheck on a name OperationTypes lacks or has in excess; the run compares with the table.
  const named = {
    'get-contact': 0, 'search-contacts': 0, 'add-group': 0, 'get-groups': 0, 'get-group': 0, 'edit-group': 0, 'delete-group': 0,
    'get-group-contacts': 0, 'add-contact': 0, 'edit-contact': 0, 'delete-contact': 0, 'get-sender': 0, 'send-sms': 0, 'cancel-order': 0,
    'get-report': 0, 'get-reports': 0, 'get-balance': 0, 'get-blacklist': 0, 'add-blacklist': 0, 'delete-blacklist': 0,
    'consent/create': 0, 'consent/show': 0,
  } satisfies Record<OperationName, 0>
  expect(Object.keys(named).sort()).toEqual(Object.keys(operationsByName).sort())
})
