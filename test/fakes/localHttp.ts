import type http from 'node:http';
import type { AddressInfo } from 'node:net';

/** What every local fake API does the same way: read a request, split a multipart body, wait for calls, listen, close. */

export async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A multipart/form-data body, parsed by undici's Response so the fakes need no parser of their own. */
export function multipartForm(raw: Buffer, contentType: string): Promise<FormData> {
  return new Response(raw, { headers: { 'content-type': contentType } }).formData();
}

/** Checks that run again whenever the fake has seen something new (a call answered, a client connected). */
export interface Waiters {
  notify(): void;
  /**
   * Resolves with the first value `probe` gives other than undefined, checking now and at every `notify`; rejects
   * with `timeoutMessage()` after `timeoutMs`.
   */
  until<T>(probe: () => T | undefined, timeoutMs: number, timeoutMessage: () => string): Promise<T>;
}

export function createWaiters(): Waiters {
  const checks = new Set<() => void>();
  return {
    notify() {
      for (const check of [...checks]) check();
    },
    until(probe, timeoutMs, timeoutMessage) {
      return new Promise((resolve, reject) => {
        const done = () => {
          clearTimeout(timer);
          checks.delete(check);
        };
        const check = () => {
          const found = probe();
          if (found === undefined) return;
          done();
          resolve(found);
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(timeoutMessage()));
        }, timeoutMs);
        checks.add(check);
        check();
      });
    },
  };
}

/** Listens on a free port of 127.0.0.1 and resolves with the origin, `http://127.0.0.1:PORT`. */
export async function listenLocally(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Closes the server without waiting for clients' kept-alive (or hanging) connections to time out. */
export function closeServer(server: http.Server): Promise<void> {
  return new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
