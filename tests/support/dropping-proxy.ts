import net from "node:net";

// A TCP proxy in front of Postgres that can lose the reply to a commit: the worst moment for a
// connection to drop, because the server has committed while the client only sees an error
// (an "ambiguous failure"). Client → server bytes pass untouched; server → client bytes are
// split into protocol messages (type byte + int32 length) so the proxy can spot a commit and
// cut both sockets instead of forwarding its reply. A commit is a COMMIT, or a write (INSERT,
// UPDATE, DELETE) outside a transaction, which commits on its own: its CommandComplete is
// followed by a ReadyForQuery saying "idle", sent after the implicit commit, and the driver
// settles the statement only at ReadyForQuery, so that is the message the proxy keeps back.
//
// The client must not ask for TLS (postgres.js: `ssl: false`), so every server message is a
// typed message from the first byte on.

export interface DroppingProxy {
  port: number;
  /** The next commit's reply is dropped (with the connection); later ones pass again. */
  dropNextCommitReply(): void;
  /** How many commit replies were dropped so far. */
  dropped(): number;
  close(): Promise<void>;
}

const COMMAND_COMPLETE = 0x43; // 'C'
const READY_FOR_QUERY = 0x5a; // 'Z'
const IDLE = 0x49; // 'I': ReadyForQuery's transaction status outside a transaction
/** CommandComplete tags of statements that commit when they run outside a transaction (or are the COMMIT). */
const COMMITTING_TAG = /^(COMMIT|INSERT|UPDATE|DELETE)\b/;

export async function startDroppingProxy(target: { host: string; port: number }): Promise<DroppingProxy> {
  let armed = false;
  let dropped = 0;
  const sockets = new Set<net.Socket>();

  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    sockets.add(client).add(upstream);
    const cut = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("error", cut).on("close", cut);
    upstream.on("error", cut).on("close", cut);
    client.on("close", () => sockets.delete(client));
    upstream.on("close", () => sockets.delete(upstream));
    client.pipe(upstream);

    let pending = Buffer.alloc(0);
    let lastTag = "";
    upstream.on("data", (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      const out: Buffer[] = [];
      while (pending.length >= 5) {
        const end = 1 + pending.readInt32BE(1);
        if (pending.length < end) break;
        const message = pending.subarray(0, end);
        pending = pending.subarray(end);
        // CommandComplete's body is the tag, NUL-terminated; ReadyForQuery's is one status byte.
        if (message[0] === COMMAND_COMPLETE) lastTag = message.subarray(5, end - 1).toString();
        if (armed && message[0] === READY_FOR_QUERY && message[5] === IDLE && COMMITTING_TAG.test(lastTag)) {
          armed = false;
          dropped += 1;
          cut();
          return;
        }
        if (message[0] === READY_FOR_QUERY) lastTag = "";
        out.push(message);
      }
      if (out.length > 0) client.write(Buffer.concat(out));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as net.AddressInfo;
  return {
    port,
    dropNextCommitReply: () => {
      armed = true;
    },
    dropped: () => dropped,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
