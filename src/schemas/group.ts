import * as v from 'valibot'
import { wireId, wireText } from './wire-scalars.js'

/** A contact group. */
export interface Group {
  id: number
  name: string
}

/** A group as either format sends it. */
export const groupSchema = v.pipe(
  v.looseObject({ id: wireId, name: wireText }),
  v.transform(({ id, name }): Group => ({ id, name })),
)
