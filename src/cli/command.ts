import type { IletiMerkeziClient } from '../index.js'
import { UsageError } from './usage-error.js'

/** A positional argument of a command; every one is required. */
export interface CommandArgument {
  name: string
  description: string
  /** `integer` is checked and turned into a number before the client sees it. */
  type: 'text' | 'integer'
}

/** A `--flag` of a command. */
export interface CommandFlag {
  description: string
  type: 'text' | 'integer' | 'boolean'
  /** May be given more than once (`--group 7 --group 12`). */
  multiple?: boolean
  /** How the help writes the value: `--parent <id>`. */
  valueName?: string
}

/** What a command line gave a command, read by name. */
export interface Given {
  /** A text argument or flag; `undefined` for a flag not given. */
  text(name: string): string | undefined
  /** An integer argument or flag; `undefined` for a flag not given. */
  integer(name: string): number | undefined
  /** Every value of a repeatable flag, in order; `[]` when not given. */
  all(name: string): string[]
  /** Every value of a repeatable integer flag; `[]` when not given. */
  integers(name: string): number[]
  /** Whether a boolean flag was given. */
  flag(name: string): boolean
}

/** What a long job (a campaign) gets besides its flags: where to write as it goes. */
export interface CommandJob {
  /** One line to stdout, now. */
  out(text: string): void
  /** One line to stderr, now. */
  err(text: string): void
  /** Redraws the one status line of a terminal (stdout is one); `undefined` when output goes elsewhere. */
  status: ((text: string) => void) | undefined
  /** `--json` was given. */
  json: boolean
  /** What is piped in, for `-` as a file name. */
  stdin: AsyncIterable<Uint8Array | string> | undefined
}

/** A command that wrote its own output as it went hands back only the exit status. */
export class PrintedOutcome {
  constructor(readonly exitCode: number) {}
}

/**
 * One subcommand of the `iletimerkezi` tool, mapped to one client method.
 * The tool's parser, help and output are built from these entries alone.
 */
export interface Command {
  /** The words that name it: `['contacts', 'get']`. */
  words: readonly string[]
  /** One line for the command list and the top of its help. */
  summary: string
  /** Positional arguments, in order. */
  args?: readonly CommandArgument[]
  /** The command's own flags, by long name (`'row-count'`). */
  flags?: Readonly<Record<string, CommandFlag>>
  /** Calls the client; an `…All` method's items are collected into an array. A long job writes through `job` and returns a {@link PrintedOutcome}. */
  run(client: IletiMerkeziClient, given: Given, job: CommandJob): Promise<unknown>
}

const wholeNumber = /^-?\d+$/

function toInteger(text: string, what: string, command: Command): number {
  if (!wholeNumber.test(text.trim())) throw new UsageError(`${what} must be a whole number (got ${JSON.stringify(text)})`, command.words)
  return Number(text)
}

/** Reads the parsed values of one command line by name, turning integers into numbers. */
export function givenFrom(command: Command, positionals: readonly string[], values: Readonly<Record<string, unknown>>): Given {
  const args = new Map((command.args ?? []).map((argument, index) => [argument.name, positionals[index]!]))
  const labelOf = (name: string) => (args.has(name) ? `<${name}>` : `--${name}`)
  const raw = (name: string): unknown => (args.has(name) ? args.get(name) : values[name])
  const texts = (name: string): string[] => {
    const value = raw(name)
    if (value === undefined) return []
    return Array.isArray(value) ? value.map(String) : [String(value)]
  }
  return {
    text: (name) => texts(name).at(-1),
    integer: (name) => {
      const text = texts(name).at(-1)
      return text === undefined ? undefined : toInteger(text, labelOf(name), command)
    },
    all: texts,
    integers: (name) => texts(name).map((text) => toInteger(text, labelOf(name), command)),
    flag: (name) => raw(name) === true,
  }
}
