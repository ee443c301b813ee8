import nock from 'nock'

export const providerOrigin = 'https://api.iletimerkezi.com'

/** A JSON envelope the provider would send. */
export function okJson(content: object): object {
  return { response: { status: { code: 200, message: 'İşlem başarılı' }, ...content } }
}

/** A JSON contact as the provider sends it, with id `id`. */
export function wireContact(id: number): object {
  return { id, name: `Ad${id}`, surname: 'Soyad', email: '', gsm: `0532000${String(id).padStart(4, '0')}`, custom_fields: [], groups: [] }
}

/** Replies to `path` with one page of `count` contacts. */
export function replyWithContacts(path: string, count: number, firstId: number): nock.Scope {
  const contacts = Array.from({ length: count }, (_, index) => wireContact(firstId + index))
  return nock(providerOrigin).post(path).reply(200, okJson({ contacts }))
}
