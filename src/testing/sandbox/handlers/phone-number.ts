/** Digits with an optional leading `+`, spaces, dashes or parentheses; 10 to 15 digits in all. */
export function isPhoneNumber(number: string): boolean {
  const digits = number.replace(/\D/g, '').length
  return /^\s*\+?[\d\s()-]+$/.test(number) && digits >= 10 && digits <= 15
}
