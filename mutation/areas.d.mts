// Types for areas.mjs, which stays JavaScript so that Stryker's config can import it without a loader.
export interface MutationArea {
  /** The files mutated. */
  mutate: string[]
  /** The test files run for them, by name under test/ (`xml-reader` is test/xml-reader.test.ts). */
  tests: string[]
}
export declare const areas: Record<string, MutationArea>
export declare function currentArea(): MutationArea & { name: string }
