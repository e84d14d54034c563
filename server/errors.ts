// Domain errors thrown by services; the tRPC layer maps them to error codes (server/trpc/init.ts).

export class NotFoundError extends Error {
  override name = "NotFoundError";
  constructor(what = "Not found") {
    super(what);
  }
}

export class ConflictError extends Error {
  override name = "ConflictError";
  /** What the client needs to resolve the conflict (e.g. the notes saved meanwhile); sent with the error. */
  constructor(
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export class InvalidInputError extends Error {
  override name = "InvalidInputError";
}
