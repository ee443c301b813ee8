/**
 * Every status code the provider documents (PROVIDER.md §5), by name.
 * Results and errors keep the numeric code; these names are for reading it.
 */
export const StatusCode = {
  /** 200: the call succeeded. */
  Ok: 200,
  /** 400: the provider could not parse the request (broken XML or JSON). */
  BadRequest: 400,
  /** 401: wrong key or hash, API access off, or an IP the account does not allow: `AuthenticationError`. */
  Unauthorized: 401,
  /** 402: the balance does not cover the order: `InsufficientBalanceError`. */
  InsufficientBalance: 402,
  /** 404: no such method (a wrong path or base URL). */
  MethodNotFound: 404,
  /** 422: the provider could not validate the values in the request. */
  ValidationFailed: 422,
  /** 450: the sender name is not approved for the account (case and spaces must match). */
  SenderNotApproved: 450,
  /** 451: the same order again within 10 minutes. */
  DuplicateOrder: 451,
  /** 452: the recipients are wrong (or every one is blocked). */
  InvalidRecipients: 452,
  /** 453: the text is longer than 7 SMS. */
  OrderTooLarge: 453,
  /** 454: the message text is empty. */
  EmptyText: 454,
  /** 455: no such order, or it is already being sent: `NotFoundError`. */
  OrderNotFound: 455,
  /** 456: a scheduled order's report was asked for before its time. */
  OrderNotDue: 456,
  /** 457: the send date is not in a form the provider reads. */
  InvalidSendDate: 457,
  /** 458: the date range is wrong (end before start, or over 10 days). */
  InvalidDateRange: 458,
  /** 459: the sender name is empty. */
  EmptySender: 459,
  /** 460: the sender name is over 11 characters or holds Turkish letters. */
  InvalidSender: 460,
  /** 461: the group name is empty. */
  EmptyGroupName: 461,
  /** 462: the group id is empty or not a group id. */
  EmptyGroupId: 462,
  /** 463: no such group (or parent group): `NotFoundError`. */
  GroupNotFound: 463,
  /** 464: pages start at 1. */
  InvalidPage: 464,
  /** 465: no such contact, or no contact on the page asked for: `NotFoundError` from `contacts.get`, an empty page from searches. */
  ContactNotFound: 465,
  /** 466: the phone number is not valid. */
  InvalidNumber: 466,
  /** 467: the account's documents are incomplete. */
  MissingDocument: 467,
  /** 468: the İYS flag (`iys`: 0 or 1) is missing or wrong. */
  IysFlagMissing: 468,
  /** 469: the İYS list (`BIREYSEL` or `TACIR`) is missing or wrong. */
  IysListMissing: 469,
  /** 470: the account has no İYS code set. */
  IysCodeMissing: 470,
  /** 471: the search key is under 3 characters. */
  SearchKeyTooShort: 471,
  /** 472: none of name, surname, gsm, email holds text. */
  ContactFieldsEmpty: 472,
  /** 473: no such custom field. */
  CustomFieldNotFound: 473,
  /** 474: this number's block cannot be lifted. */
  BlacklistRemovalRefused: 474,
  /** 503: the provider is temporarily out of service; reads are retried. */
  ServiceUnavailable: 503,
} as const

export type StatusCode = (typeof StatusCode)[keyof typeof StatusCode]

/** An order's state in a report (`OrderReport.status`, `OrderSummary.status`). */
export const OrderStatus = {
  /** 113: sending, or scheduled and not yet sent. */
  Sending: 113,
  /** 114: every message handed on. */
  Completed: 114,
  /** 115: not sent, or cancelled. */
  Failed: 115,
} as const

export type OrderStatus = (typeof OrderStatus)[keyof typeof OrderStatus]

/** One recipient's message state in a report (`MessageReport.status`). */
export const MessageStatus = {
  /** 110: on its way (the SDKs call it waiting). */
  Sending: 110,
  /** 111: delivered to the handset. */
  Delivered: 111,
  /** 112: could not be delivered. */
  Undelivered: 112,
} as const

export type MessageStatus = (typeof MessageStatus)[keyof typeof MessageStatus]

/** The provider's own (Turkish) message for each code, as its server sends it. */
export const statusMessages: Readonly<Record<number, string>> = {
  110: 'Mesaj gönderiliyor',
  111: 'Mesaj gönderildi',
  112: 'Mesaj gönderilemedi',
  113: 'Siparişin gönderimi devam ediyor',
  114: 'Siparişin gönderimi tamamlandı',
  115: 'Sipariş gönderilemedi',
  200: 'İşlem başarılı',
  400: 'İstek çözümlenemedi',
  401: 'Üyelik bilgileri hatalı',
  402: 'Bakiye yetersiz',
  404: 'API istek yapılan yönteme sahip değil',
  422: 'İstek içerisindeki değerler doğrulanamadı.',
  450: 'Gönderilen başlık kullanıma uygun değil',
  451: 'Tekrar eden sipariş',
  452: 'Mesaj alıcıları hatalı',
  453: 'Sipariş boyutu aşıldı',
  454: 'Mesaj metni boş',
  455: 'Sipariş bulunamadı',
  456: 'Sipariş gönderim tarihi henüz gelmedi',
  457: 'Mesaj gönderim tarihinin formatı hatalı',
  458: 'Tarih aralığı hatalı',
  459: 'Başlık kısmı boş olamaz',
  460: 'Başlık 11 karakterden fazla olmamalı ve Türkçe karakter içermemelidir.',
  461: 'Grup adını boş bırakamazsınız.',
  462: 'Grup id alanını boş bırakamazsınız.',
  463: 'Böyle bir grup bulunamadı.',
  464: 'Page değeri 1 den başlamalı.',
  465: 'Kişi bulunamadı.',
  466: 'Hatalı numara.',
  467: 'Evrak bilgisi eksik.',
  468: 'IYS üzerinden sorgulama yapılıp, yapılmayacağını ayarlamalısınız.',
  469: 'IYS listenizi seçmelisiniz, BIREYSEL veya TACIR.',
  470: 'IYS kodunuzu ayarlamalısınız.',
  471: 'Arama terimi en az 3 karakter olmalıdır',
  472: 'Ad, soyad, cep telefonu, email alanlarından en az biri dolu olmalıdır.',
  473: 'Özel alan bulunamadı.',
  474: 'Bu numaranın engeli kaldırılamaz.',
  503: 'Sunucu geçici olarak servis dışı',
}
