import type { SandboxSeed } from './store.js'
import type { SandboxConsent } from './consent-registry.js'
import { defaultMessagingSeed } from './messaging-store.js'

// SMS consent (ONAY, MESAJ) on both lists, as an account that sends commercial SMS to its contacts has.
function defaultConsents(numbers: readonly string[]): SandboxConsent[] {
  return numbers.flatMap((recipient) =>
    (['BIREYSEL', 'TACIR'] as const).map((recipientType) => ({
      brandCode: '696422',
      recipient,
      recipientType,
      type: 'MESAJ' as const,
      status: 'ONAY' as const,
      source: 'HS_WEB',
      consentDate: '2024-09-27 10:00:00',
    })),
  )
}

/** A small account: two main groups, a sub-group, five contacts with Turkish names, two senders, İYS brand 696422 with SMS consent for the contacts. */
export const defaultSeed: Required<SandboxSeed> = {
  groups: [
    { id: 7, name: 'Müşteriler', parent: 0 },
    { id: 12, name: 'İstanbul Şubesi', parent: 7 },
    { id: 20, name: 'Tedarikçiler', parent: 0 },
  ],
  contacts: [
    { id: 1001, name: 'Ayşe', surname: 'Yılmaz', email: 'ayse.yilmaz@example.com.tr', gsm: '05321234567', customFields: [{ id: 1, value: '27/09/2024' }, { id: 2, value: 'VIP' }], groups: [7, 12] },
    { id: 1002, name: 'Mehmet', surname: 'Öztürk', email: 'mehmet@example.com', gsm: '+905057023100', customFields: [{ id: 2, value: 'Standart' }], groups: [7] },
    { id: 1003, name: 'Çağla', surname: 'Güneş', email: '', gsm: '905321112233', customFields: [], groups: [12] },
    { id: 1004, name: 'İbrahim', surname: 'Şahin', email: 'ibrahim.sahin@example.com.tr', gsm: '05339998877', customFields: [], groups: [20] },
    { id: 1005, name: 'Gülşen', surname: 'Doğan & Oğulları', email: 'gulsen@example.com', gsm: '05441234567', customFields: [{ id: 1, value: '01/01/2025' }], groups: [] },
  ],
  senders: ['APITEST', 'eMarka'],
  customFieldIds: [1, 2, 3],
  iysBrandCodes: ['696422'],
  consents: defaultConsents(['+905321234567', '+905057023100', '+905321112233', '+905339998877', '+905441234567']),
  ...defaultMessagingSeed,
}
