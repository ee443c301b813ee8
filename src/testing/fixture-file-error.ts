import { IletiMerkeziError } from '../errors/index.js'

/**
 * A fixture or recording folder that cannot be read as cases: a missing
 * file, broken JSON, a case filed under no operation the client has. The
 * message starts with the file's path; `file` holds it too.
 */
export class FixtureFileError extends IletiMerkeziError {
  /** Always `'FixtureFileError'`. */
  override name = 'FixtureFileError'
  /** The guide section that explains the layout of a case folder: [testing your app: fixture cases](../../docs/testing.md#fixture-cases). */
  static override readonly docs: string = 'docs/testing.md#fixture-cases'
  /** The file (or folder) at fault. */
  readonly file: string

  constructor(message: string, file: string) {
    super(message)
    this.file = file
  }
}
