/**
 * Every status code the provider documents (PROVIDER.md §5), by name.
 * Results and errors keep the numeric code; these names are for reading it.
 */
export const StatusCode = {
  Ok: 200,
  BadRequest: 400,
  Unauthorized: 401,
  InsufficientBalance: 402,
  MethodNotFound: 404,
  ValidationFailed: 422,
  SenderNotApproved: 450,
  DuplicateOrder: 451,
  InvalidRecipients: 452,
  OrderTooLarge: 453,
  EmptyText: 454,
  OrderNotFound: 455,
  OrderNotDue: 456,
  InvalidSendDate: 457,
  InvalidDateRange: 458,
  EmptySender: 459,
  InvalidSender: 460,
  EmptyGroupName: 461,
  EmptyGroupId: 462,
  GroupNotFound: 463,
  InvalidPage: 464,
  ContactNotFound: 465,
  InvalidNumber: 466,
  MissingDocument: 467,
  IysFlagMissing: 468,
  IysListMissing: 469,
  IysCodeMissing: 470,
  SearchKeyTooShort: 471,
  ContactFieldsEmpty: 472,
  CustomFieldNotFound: 473,
  BlacklistRemovalRefused: 474,
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
