import { parseArgs, type ParseArgsConfig } from 'node:util'
import { givenFrom, type Command, type CommandFlag, type Given } from './command.js'
import { globalFlags, globalValuesOf, type GlobalValues } from './global-options.js'
import { UsageError } from './usage-error.js'

/** A command line, understood. */
export type CommandLine =
  /** Run `command` with `given`. */
  | { kind: 'run'; command: Command; given: Given; globals: GlobalValues }
  /** Print help: for `command`, for the group named by `words`, or (no words) for the tool. */
  | { kind: 'help'; command: Command | undefined; words: string[]; globals: GlobalValues }
  /** Print the version. */
  | { kind: 'version'; globals: GlobalValues }

type Options = NonNullable<ParseArgsConfig['options']>

function parseOptionsOf(flags: Readonly<Record<string, CommandFlag & { short?: string }>>): Options {
  const options: Options = {}
  for (const [name, flag] of Object.entries(flags)) {
    options[name] = {
      type: flag.type === 'boolean' ? 'boolean' : 'string',
      ...(flag.multiple ? { multiple: true } : {}),
      ...(flag.short ? { short: flag.short } : {}),
    }
  }
  return options
}

function parse(argv: readonly string[], flags: Readonly<Record<string, CommandFlag>>, strict: boolean, command: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], options: parseOptionsOf(flags), strict, allowPositionals: true })
  } catch (error) {
    // parseArgs says what is wrong in one sentence, then how to quote a dash: the first part is the news,
    // lower-cased like every other message of the tool ("unknown option '--bogus'").
    const message = error instanceof Error ? error.message.split('. ')[0]! : String(error)
    throw new UsageError(message.charAt(0).toLowerCase() + message.slice(1), command)
  }
}

// The command whose words start the positionals; the longest, should one command's words begin another's.
function commandNamedBy(positionals: readonly string[], commands: readonly Command[]): Command | undefined {
  return commands
    .filter((command) => command.words.every((word, index) => positionals[index] === word))
    .sort((a, b) => b.words.length - a.words.length)[0]
}

/** Reads argv (without `node` and the script) against the command table. Throws {@link UsageError}. */
export function parseCommandLine(argv: readonly string[], commands: readonly Command[]): CommandLine {
  // First pass, global flags only and lenient: which command is this?
  const loose = parse(argv, globalFlags, false, [])
  const helpWord = loose.positionals[0] === 'help'
  const words = helpWord ? loose.positionals.slice(1) : loose.positionals
  const command = commandNamedBy(words, commands)

  if (command === undefined) {
    const wantsHelp = helpWord || loose.values['help'] === true
    const group = words[0] !== undefined && commands.some((candidate) => candidate.words[0] === words[0]) ? [words[0]] : []
    if (!wantsHelp && words.length > 0) {
      if (group.length > 0 && words.length === 1) {
        const subcommands = commands.filter((candidate) => candidate.words[0] === words[0]).map((candidate) => candidate.words.slice(1).join(' '))
        throw new UsageError(`'${words[0]}' needs a subcommand: ${subcommands.join(', ')}`, group)
      }
      throw new UsageError(`unknown command '${words.join(' ')}'`, group)
    }
    const globals = globalValuesOf(parse(argv, globalFlags, true, []).values)
    if (globals.version && !wantsHelp) return { kind: 'version', globals }
    if (!wantsHelp) throw new UsageError('no command given')
    return { kind: 'help', command: undefined, words: group, globals }
  }

  // Second pass, strict, with the command's own flags too.
  const { values, positionals } = parse(argv, { ...globalFlags, ...command.flags }, true, command.words)
  const globals = globalValuesOf(values)
  if (helpWord || globals.help) return { kind: 'help', command, words: [...command.words], globals }
  const args = positionals.slice(command.words.length)
  const expected = command.args ?? []
  if (args.length < expected.length) throw new UsageError(`missing <${expected[args.length]!.name}>`, command.words)
  if (args.length > expected.length) throw new UsageError(`unexpected argument '${args[expected.length]}'`, command.words)
  const given = givenFrom(command, args, values)
  // Integers are checked now, so a bad one is a usage error before anything starts.
  for (const argument of expected) if (argument.type === 'integer') given.integer(argument.name)
  for (const [name, flag] of Object.entries(command.flags ?? {})) if (flag.type === 'integer') given.integers(name)
  return { kind: 'run', command, given, globals }
}
