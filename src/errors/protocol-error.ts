import { IletiMerkeziError, type ErrorContext } from './iletimerkezi-error.js'

/**
 * The answer could not be decoded or does not fit the operation's shape:
 * an HTML page, truncated XML, a DOCTYPE, a missing status, a wrong type.
 */
export class ProtocolError extends IletiMerkeziError {
  /** Always `'ProtocolError'`: the class's name survives minifiers and shows in logs. */
  override name = 'ProtocolError'
  /** The guide section that explains what an unreadable or hostile answer gives: [the client: reliability](../../docs/client.md#reliability). */
  static override readonly docs: string = 'docs/client.md#reliability'
  /** The HTTP status of the answer. */
  readonly httpStatus: number | undefined
  /** At most 200 characters of the body, with the credentials cut out. */
  readonly bodySnippet: string

  constructor(message: string, context: ErrorContext & { bodySnippet: string }) {
    super(message, context)
    this.httpStatus = context.httpStatus
    this.bodySnippet = context.bodySnippet
  }
}
