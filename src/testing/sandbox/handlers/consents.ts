import { StatusCode } from '../../../status/status-codes.js'
import { isRecord } from '../../../wire/tree.js'
import { listAt, textAt } from '../read-request.js'
import type { SandboxStore } from '../store.js'
import { fail, ok, type Handler, type HandlerReply } from './handler.js'

const maxRecords = 5_000
const noSubscription: HandlerReply = { code: 403, message: 'Aktif abonelik bulunamadı' }

// API access off (401) comes first, in start-sandbox; an account without İYS is 403 on both endpoints.
function refusedAccount(store: SandboxStore): HandlerReply | undefined {
  return store.settings.iysConfigured ? undefined : noSubscription
}

/** consent/create: 1 to 5 000 records under one of the account's brand codes, taken all or none. */
export const consentCreate: Handler = (request, store) => {
  const refused = refusedAccount(store)
  if (refused) return refused
  const brandCode = textAt(request, 'consent.brandCode').trim()
  const list = listAt(request, 'consent.list')
  if (!store.consents.brands.has(brandCode) || list.length === 0 || list.length > maxRecords || !list.every(isRecord)) return fail(StatusCode.ValidationFailed)
  const refusals = store.consents.add(brandCode, list, store.now())
  if (refusals.length > 0) {
    // İYS's own 422 carries its reasons like this; the provider's relay of them is not documented.
    const errors = refusals.map(({ index, field, message }) => ({ location: [`list.${index}.${field}`], code: 'H114', message }))
    return { code: StatusCode.ValidationFailed, body: { errors } }
  }
  return ok()
}

/** consent/show: one recipient's record; 422 when there is none, `consent: []` for an unknown brand and for TACIR/MESAJ (the provider's drift). */
export const consentShow: Handler = (request, store) => {
  const refused = refusedAccount(store)
  if (refused) return refused
  const brandCode = textAt(request, 'consent.brandCode').trim()
  const recipient = textAt(request, 'consent.recipient').trim()
  const type = textAt(request, 'consent.type').trim()
  const recipientType = textAt(request, 'consent.recipientType').trim()
  if (!store.consents.brands.has(brandCode)) return ok({ consent: [] })
  const record = store.consents.find(brandCode, recipient, type, recipientType)
  if (record === undefined) return recipientType === 'TACIR' && type === 'MESAJ' ? ok({ consent: [] }) : fail(StatusCode.ValidationFailed)
  const { source, consentDate, ...rest } = record
  // The provider's sample writes the brand code as a number; a TACIR record may have no source or date.
  return ok({ consent: { ...rest, brandCode: Number(record.brandCode), ...(source === '' ? {} : { source }), ...(consentDate === '' ? {} : { consentDate }) } })
}
