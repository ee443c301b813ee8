import type { Contact } from '../src/schemas/contact.js'

const names = ['Ayşe', 'Çağla', 'Gülşen', 'İbrahim', 'Şükrü', 'Öznur', 'Ümit', 'Ilgın']
const surnames = ['Yılmaz', 'Öztürk', 'Güneş', 'Şahin', 'Doğan & Oğulları', 'Çelik', 'Kılıç', 'Aydın']

/** `count` contacts with Turkish names, 2 custom fields and 2 groups each. */
export function makeContacts(count: number, firstId = 1): Contact[] {
  return Array.from({ length: count }, (_, index) => {
    const id = firstId + index
    return {
      id,
      name: names[id % names.length]!,
      surname: surnames[id % surnames.length]!,
      email: `kisi${id}@örnek.com.tr`,
      gsm: `05${String(300000000 + id).padStart(9, '0')}`,
      customFields: [
        { id: 1, value: `${(id % 28) + 1}/09/2024` },
        { id: 2, value: `Müşteri notu ${id}: çok önemli` },
      ],
      groups: [7, 12 + (id % 3)],
    }
  })
}
