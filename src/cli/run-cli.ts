import { readFileSync } from 'node:fs'
import type { IletiMerkeziClient } from '../index.js'
import { PrintedOutcome, type Command, type CommandJob, type Given } from './command.js'
import { commands } from './commands.js'
import { errorJson, errorLine } from './error-line.js'
import { ExitCode, exitCodeFor } from './exit-codes.js'
import { runContractCommand } from './contract-commands.js'
import { commandHelp, groupHelp, toolHelp } from './help.js'
import { credentialsToHide, openClient, type Environment } from './open-client.js'
import { parseCommandLine } from './parse-command-line.js'
import { renderHuman } from './render-human.js'
import { UsageError } from './usage-error.js'
import { visibleIo } from './visible-text.js'

/** Where the tool reads its settings and writes its output. */
export interface CliIo {
  env: Environment
  /** One block of output for stdout. */
  out(text: string): void
  /** One line for stderr. */
  err(text: string): void
  /** Redraws a status line when stdout is a terminal (campaign progress); left out otherwise. */
  status?(text: string): void
  /** What is piped in (`process.stdin`), for commands that read `-`. */
  stdin?: AsyncIterable<Uint8Array | string>
}

// From src/cli and from dist/cli alike, the package root is two folders up.
function version(): string {
  return JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version
}

async function resultOf(command: Command, client: IletiMerkeziClient, given: Given, job: CommandJob): Promise<unknown> {
  try {
    return await command.run(client, given, job)
  } catch (error) {
    // A flag value the entry itself refuses (`--field bad`): point at that command's help.
    throw error instanceof UsageError && error.command.length === 0 ? new UsageError(error.message, command.words) : error
  }
}

function asksForJson(argv: readonly string[]): boolean {
  const end = argv.indexOf('--')
  return (end === -1 ? argv : argv.slice(0, end)).includes('--json')
}

/** Runs one command line (argv without `node` and the script); resolves to the exit status. */
export async function runCli(argv: readonly string[], sink: CliIo): Promise<number> {
  // Every line any command writes goes through here: server text never reaches a terminal as control codes.
  const io = visibleIo(sink)
  let secrets: string[] = []
  try {
    secrets = await credentialsToHide(io.env)
    const contract = await runContractCommand(argv, io)
    if (contract !== undefined) return contract
    const line = parseCommandLine(argv, commands)
    if (line.kind === 'version') {
      io.out(version())
      return ExitCode.Success
    }
    if (line.kind === 'help') {
      if (line.command) io.out(commandHelp(line.command))
      else if (line.words[0] !== undefined) io.out(groupHelp(line.words[0], commands))
      else io.out(toolHelp(commands))
      return ExitCode.Success
    }
    const { client, close } = await openClient(line.globals, io.env)
    try {
      const job: CommandJob = { out: io.out, err: io.err, status: io.status?.bind(io), json: line.globals.json, stdin: io.stdin }
      const result = await resultOf(line.command, client, line.given, job)
      if (result instanceof PrintedOutcome) return result.exitCode
      io.out(line.globals.json ? JSON.stringify(result ?? null, null, 2) : renderHuman(result))
    } finally {
      await close()
    }
    return ExitCode.Success
  } catch (error) {
    // Read from argv itself: a command line that did not parse still asked for JSON.
    io.err(asksForJson(argv) ? errorJson(error, secrets) : errorLine(error, secrets))
    return exitCodeFor(error)
  }
}
