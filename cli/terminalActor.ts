import os from 'node:os';

/**
 * Who runs the command line, as the registry, the audit log and the chat name people: `terminal:<login>`.
 * TICKCAST_ADMINS can name it (`terminal:ana`) to make that login an admin in `tickcast chat`.
 */
export function terminalActorId(): string {
  let login: string;
  try {
    login = os.userInfo().username;
  } catch {
    login = process.env.USER ?? 'cli';
  }
  return `terminal:${login.replace(/[^\w.-]/g, '_')}`;
}
