import type { Clients } from '../../clients/clients';
import { redactUrlsIn } from '../../model/redact-url';

/** `@mlws/nx: <line>` through clients.log, no URL with its credentials. */
export function say(clients: Pick<Clients, 'log'>, line: string): void {
  clients.log(`@mlws/nx: ${redactUrlsIn(line)}`);
}
