/**
 * The exit codes of `mcc`, the same conventions as `mcc-conformance` (0 good, 1 a business
 * outcome that is not, 2 the command line) plus one for the protocol.
 */
export const EXIT = {
  /** SUCCESS; the status was reached; the session closed; the document was fetched. */
  ok: 0,
  /** A FAILED result; the status was not reached (unreachable, timed out, session unknown). */
  failed: 1,
  /** A usage error: the command line cannot be run. */
  usage: 2,
  /** A protocol error: network, timeout, HTTP status, SOAP fault, an answer that is not a result. */
  protocol: 3,
  /** Interrupted (SIGINT). */
  interrupted: 130,
} as const;

/** One of {@link EXIT}'s codes. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A command line that cannot be run; the message says why (exit code 2). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
