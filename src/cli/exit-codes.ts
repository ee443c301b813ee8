import { ApiError, NetworkError, ProtocolError, ValidationError } from '../index.js'
import { UsageError } from './usage-error.js'

/** What the tool's exit status says; written in `--help` and docs/cli.md. */
export const ExitCode = {
  /** The call succeeded. */
  Success: 0,
  /** Something unexpected (a bug in the tool). */
  Unexpected: 1,
  /** The command line or the input was refused before anything was sent. */
  Usage: 2,
  /** The API answered with an error status (wrong credentials, not found, …). */
  Api: 3,
  /** No usable answer: network failure, timeout, or an answer that could not be read. */
  Network: 4,
  /** A campaign ended with orders the provider refused (nothing unknown); a resume sends them again. */
  CampaignFailed: 5,
  /** A campaign ended with orders whose outcome is unknown: check before resending them. */
  CampaignUnknown: 6,
  /** A campaign found no recipient to send to: an empty file, or every row invalid or a duplicate. */
  CampaignEmpty: 7,
  /** Stopped by Ctrl-C (SIGINT): what was sent is in the journal; resume with --resume. */
  Interrupted: 130,
  /** Stopped by SIGTERM (a deploy, systemd, docker stop), as by Ctrl-C. */
  Terminated: 143,
} as const

/** The exit status for an error a command ended with. */
export function exitCodeFor(error: unknown): number {
  if (error instanceof UsageError || error instanceof ValidationError) return ExitCode.Usage
  if (error instanceof ApiError) return ExitCode.Api
  if (error instanceof NetworkError || error instanceof ProtocolError) return ExitCode.Network
  return ExitCode.Unexpected
}

/** The exit statuses as the help lists them. */
export const exitCodeHelp = [
  `  ${String(ExitCode.Success).padEnd(3)}  success`,
  `  ${String(ExitCode.Usage).padEnd(3)}  input or usage error: bad command, flag or argument, or input the client refuses`,
  `  ${String(ExitCode.Api).padEnd(3)}  the API answered with an error (401 wrong credentials, 465 not found, …)`,
  `  ${String(ExitCode.Network).padEnd(3)}  network or protocol error: no answer, timeout, or an answer that cannot be read`,
  `  ${String(ExitCode.CampaignFailed).padEnd(3)}  campaign: some orders were not sent (a resume sends them again), or the input failed after orders went out`,
  `  ${String(ExitCode.CampaignUnknown).padEnd(3)}  campaign: some orders' outcome is unknown (campaign status --reconcile, or settle)`,
  `  ${String(ExitCode.CampaignEmpty).padEnd(3)}  campaign: no recipient at all (an empty file, or every row invalid or a duplicate)`,
  `  ${String(ExitCode.Interrupted).padEnd(3)}  campaign: stopped by Ctrl-C; continue with --resume`,
  `  ${String(ExitCode.Terminated).padEnd(3)}  campaign: stopped by SIGTERM; continue with --resume`,
  `  ${String(ExitCode.Unexpected).padEnd(3)}  unexpected failure (a bug: please report it)`,
].join('\n')
