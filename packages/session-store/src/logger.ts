/**
 * The logging this package needs. Pino, and therefore `fastify.log`, fits
 * it as is.
 */
export interface Logger {
  error(details: object, message: string): void;
  info(details: object, message: string): void;
  debug(details: object, message: string): void;
}
