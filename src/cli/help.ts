import type { Command, CommandFlag } from './command.js'
import { exitCodeHelp } from './exit-codes.js'
import { globalFlags } from './global-options.js'

const tool = 'iletimerkezi'

function columns(rows: readonly (readonly [string, string])[]): string {
  const width = Math.max(...rows.map(([left]) => left.length))
  return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`).join('\n')
}

function flagLabel(name: string, flag: CommandFlag & { short?: string }): string {
  const value = flag.type === 'boolean' ? '' : ` <${flag.valueName ?? (flag.type === 'integer' ? 'n' : 'text')}>`
  return `${flag.short ? `-${flag.short}, ` : ''}--${name}${value}${flag.multiple ? ' …' : ''}`
}

function flagRows(flags: Readonly<Record<string, CommandFlag>>): string {
  return columns(Object.entries(flags).map(([name, flag]) => [flagLabel(name, flag), flag.description]))
}

function usageOf(command: Command): string {
  const args = (command.args ?? []).map((argument) => `<${argument.name}>`)
  return [tool, ...command.words, ...args, ...(command.flags ? ['[options]'] : [])].join(' ')
}

const environment = columns([
  ['ILETIMERKEZI_KEY', 'the API key (panel: Settings → API)'],
  ['ILETIMERKEZI_SECRET', 'the secret key; the hash is derived from key and secret'],
  ['ILETIMERKEZI_HASH', 'or: the hash the panel shows, instead of the secret'],
  ['ILETIMERKEZI_BASE_URL', 'the API base URL, like --base-url'],
])

const footer = ['Global options:', flagRows(globalFlags), '', 'Exit codes:', exitCodeHelp].join('\n')

/** The tool's help: every command, the global options, the environment, the exit codes. */
export function toolHelp(commands: readonly Command[]): string {
  return [
    `Usage: ${tool} <command> [arguments] [options]`,
    '',
    'The iletimerkezi.com SMS API from the command line, in JSON or XML (--format).',
    '',
    'Commands:',
    columns(commands.map((command) => [usageOf(command).slice(tool.length + 1), command.summary])),
    '',
    // Not client calls, so not in the command table (src/cli/contract-commands.ts runs them).
    'Testing:',
    columns([
      ['fixtures verify <dir>', "re-send a recording's reads and report how the answers' shape drifted"],
      ['sandbox [--port <n>] [--webhook <url>]', 'serve a sandbox until stopped, after printing the ILETIMERKEZI_* variables for it'],
    ]),
    '',
    footer,
    '',
    'Environment:',
    environment,
    '',
    'Examples:',
    `  ${tool} senders --sandbox`,
    `  ${tool} contacts search yılmaz --format xml --json`,
    `  ${tool} groups create "Müşteriler" --parent 7`,
    '',
    `Run '${tool} <command> --help' for a command's arguments and options.`,
  ].join('\n')
}

/** The help of a command group: `iletimerkezi contacts --help`. */
export function groupHelp(group: string, commands: readonly Command[]): string {
  const members = commands.filter((command) => command.words[0] === group)
  return [
    `Usage: ${tool} ${group} <subcommand> [arguments] [options]`,
    '',
    'Subcommands:',
    columns(members.map((command) => [usageOf(command).slice(tool.length + 1), command.summary])),
    '',
    `Run '${tool} ${group} <subcommand> --help' for its arguments and options.`,
  ].join('\n')
}

/** One command's help, from its table entry. */
export function commandHelp(command: Command): string {
  const parts = [`Usage: ${usageOf(command)}`, '', `${command.summary[0]!.toUpperCase()}${command.summary.slice(1)}.`]
  if (command.args?.length) parts.push('', 'Arguments:', columns(command.args.map((argument) => [`<${argument.name}>`, argument.description])))
  if (command.flags) parts.push('', 'Options:', flagRows(command.flags))
  parts.push('', footer)
  return parts.join('\n')
}
