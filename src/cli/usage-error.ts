/** The command line itself is wrong: an unknown command or flag, a missing or malformed argument. */
export class UsageError extends Error {
  override name = 'UsageError'

  /** `command`: the words of the command whose help explains the right use, if one was found. */
  constructor(
    message: string,
    readonly command: readonly string[] = [],
  ) {
    super(message)
  }
}
