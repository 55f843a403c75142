import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * A local Discord gateway (v10, JSON, no compression) just deep enough for discord.js: HELLO on connect, READY
 * after IDENTIFY, ACK for every heartbeat, and `dispatch` to push events such as INTERACTION_CREATE.
 */
export interface GatewayFrame {
  op: number;
  d?: unknown;
  s?: number | null;
  t?: string | null;
}

export interface FakeDiscordGateway {
  /** The `ws://` URL `GET /gateway/bot` should hand out. */
  readonly url: string;
  /** Frames clients sent, in order. */
  readonly received: GatewayFrame[];
  /** Resolves once a client has identified and been sent READY. */
  ready(): Promise<void>;
  dispatch(event: string, data: unknown): void;
  close(): Promise<void>;
}

export async function startFakeDiscordGateway(options: { user: { id: string; username: string }; applicationId: string }): Promise<FakeDiscordGateway> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  const url = `ws://127.0.0.1:${port}`;
  const received: GatewayFrame[] = [];
  const sockets = new Set<WebSocket>();
  let sequence = 0;
  let markReady: () => void = () => undefined;
  const readyOnce = new Promise<void>((resolve) => (markReady = resolve));

  const send = (socket: WebSocket, frame: GatewayFrame) => socket.send(JSON.stringify(frame));

  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    send(socket, { op: 10, d: { heartbeat_interval: 45_000 }, s: null, t: null });
    socket.on('message', (raw) => {
      const frame = JSON.parse(String(raw)) as GatewayFrame;
      received.push(frame);
      if (frame.op === 1) send(socket, { op: 11, d: null, s: null, t: null });
      if (frame.op === 2) {
        send(socket, {
          op: 0,
          t: 'READY',
          s: ++sequence,
          d: {
            v: 10,
            user: { id: options.user.id, username: options.user.username, discriminator: '0', global_name: null, avatar: null, bot: true },
            guilds: [],
            session_id: 'fake-session',
            resume_gateway_url: url,
            shard: [0, 1],
            application: { id: options.applicationId, flags: 0 },
          },
        });
        markReady();
      }
    });
  });

  return {
    url,
    received,
    ready: () => readyOnce,
    dispatch(event, data) {
      sequence++;
      for (const socket of sockets) send(socket, { op: 0, t: event, s: sequence, d: data });
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.terminate();
        server.close(() => resolve());
      }),
  };
}
