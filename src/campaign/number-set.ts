/**
 * The numbers seen so far, for spotting duplicates among a million
 * recipients: an open-addressing hash set of safe integers in one
 * Float64Array (8 bytes a slot, at most half full), where a `Set` of
 * strings or boxed numbers would take about five times the memory.
 */
export class NumberSet {
  #slots = new Float64Array(1024)
  #size = 0

  /** How many numbers it holds. */
  get size(): number {
    return this.#size
  }

  /** Adds `key` (a positive safe integer); `false` when it was already there. */
  add(key: number): boolean {
    if ((this.#size + 1) * 2 > this.#slots.length) this.#grow()
    const added = NumberSet.#place(this.#slots, key)
    if (added) this.#size++
    return added
  }

  // 0 marks an empty slot; keys are never 0. The mix spreads numbers that differ in their last digits.
  static #place(slots: Float64Array, key: number): boolean {
    const mask = slots.length - 1
    let index = Math.imul((key % 0x7fffffff) ^ Math.floor(key / 0x7fffffff), 0x9e3779b1) & mask
    for (;;) {
      const held = slots[index]!
      if (held === 0) {
        slots[index] = key
        return true
      }
      if (held === key) return false
      index = (index + 1) & mask
    }
  }

  #grow(): void {
    const old = this.#slots
    this.#slots = new Float64Array(old.length * 2)
    for (const key of old) if (key !== 0) NumberSet.#place(this.#slots, key)
  }
}
