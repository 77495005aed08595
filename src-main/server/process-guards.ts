/**
 * The last line of defence of the browser-mode server: a promise rejected with nobody
 * listening, or an exception thrown from a timer or an event, is logged and the process keeps
 * serving every other client. (Node would otherwise exit, disconnecting everyone.)
 */
export function installProcessGuards(log: (message: string, error?: unknown) => void): () => void {
  const onRejection = (reason: unknown) => log('unhandled promise rejection (the server keeps running)', reason);
  const onException = (error: Error, origin: string) => log(`uncaught exception from ${origin} (the server keeps running)`, error);
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return () => {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  };
}
