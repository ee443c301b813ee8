import { formats } from '../codec/load-codec.js'
import type { Format } from '../index.js'
import type { CommandFlag } from './command.js'
import { UsageError } from './usage-error.js'

/** A flag every command takes. */
interface GlobalFlag extends CommandFlag {
  short?: string
}

/** The flags every command takes, in the order the help lists them. */
export const globalFlags: Readonly<Record<string, GlobalFlag>> = {
  format: { type: 'text', valueName: 'json|xml', description: 'the protocol to speak (default json); results are the same in both' },
  json: { type: 'boolean', description: 'print the result as JSON, for scripts; an error as one JSON object on stderr' },
  sandbox: { type: 'boolean', description: 'run against a fresh embedded sandbox: no credentials, no network' },
  'base-url': { type: 'text', valueName: 'url', description: 'the API base URL (default https://api.iletimerkezi.com/v1; env ILETIMERKEZI_BASE_URL)' },
  timeout: { type: 'integer', valueName: 'ms', description: 'milliseconds per attempt (default 30000; 0 turns it off)' },
  help: { type: 'boolean', short: 'h', description: 'help for the tool, a command group or a command' },
  version: { type: 'boolean', description: "the tool's version" },
}

/** The global flags' values, checked. */
export interface GlobalValues {
  format: Format
  json: boolean
  sandbox: boolean
  baseUrl: string | undefined
  timeout: number | undefined
  help: boolean
  version: boolean
}

/** Checks and reads the global flags out of `parseArgs` values. */
export function globalValuesOf(values: Readonly<Record<string, unknown>>): GlobalValues {
  const format = (values['format'] ?? formats[0]) as Format
  if (!formats.includes(format)) throw new UsageError(`--format must be ${formats.join(' or ')} (got ${JSON.stringify(format)})`)
  const timeoutText = values['timeout']
  if (timeoutText !== undefined && !(typeof timeoutText === 'string' && /^\d+$/.test(timeoutText))) {
    throw new UsageError(`--timeout must be a whole number of milliseconds (got ${JSON.stringify(timeoutText)})`)
  }
  return {
    format,
    json: values['json'] === true,
    sandbox: values['sandbox'] === true,
    baseUrl: typeof values['base-url'] === 'string' ? values['base-url'] : undefined,
    timeout: timeoutText === undefined ? undefined : Number(timeoutText),
    help: values['help'] === true,
    version: values['version'] === true,
  }
}
