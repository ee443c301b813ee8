#!/usr/bin/env node
// The `iletimerkezi` command-line tool: `iletimerkezi --help`.
import { runCli } from './run-cli.js'

// `iletimerkezi … | head` closes the pipe early: that is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error
})

process.exitCode = await runCli(process.argv.slice(2), {
  env: process.env,
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  // On a terminal the line is redrawn in place; elsewhere a command writes JSON lines instead.
  ...(process.stdout.isTTY ? { status: (text: string) => process.stdout.write(`\r${text.slice(0, (process.stdout.columns || 80) - 1)}\x1b[K`) } : {}),
  stdin: process.stdin,
})
