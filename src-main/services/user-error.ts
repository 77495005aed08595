/** A failure the user should read (bad file, missing project): crosses the boundary with its code and message. */
export class UserError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'UserError';
  }
}
