import { expect } from 'vitest'
import { IletiMerkeziError } from '../../src/index.js'

/** Every item of an async iterable, in order. */
export async function collect<Item>(items: AsyncIterable<Item>): Promise<Item[]> {
  const all: Item[] = []
  for await (const item of items) all.push(item)
  return all
}

/** The error a promise rejects with, checked to be one of the library's; fails the test if it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<IletiMerkeziError> {
  const outcome = await promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  )
  if (!('error' in outcome)) throw new Error(`expected a rejection, got ${JSON.stringify(outcome.value)}`)
  expect(outcome.error).toBeInstanceOf(IletiMerkeziError)
  return outcome.error as IletiMerkeziError
}

/** The error `run` throws synchronously, checked to be one of the library's; fails the test if it returns. */
export function thrownBy(run: () => unknown): IletiMerkeziError {
  let returned: unknown
  try {
    returned = run()
  } catch (error) {
    expect(error).toBeInstanceOf(IletiMerkeziError)
    return error as IletiMerkeziError
  }
  throw new Error(`expected a throw, got ${String(returned)}`)
}
