/** A command-line mistake: printed with a pointer to --help, exit code 2. */
export class Usage extends Error {}
