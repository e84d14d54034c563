import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  /** The envelope's recipients, comma-separated. */
  to: string;
  raw: string;
}

/**
 * A local SMTP server that accepts whatever Tandem sends (no auth, no TLS) and keeps it in
 * `received`, for specs that follow a sign-in link out of a real email.
 */
export function smtpSink() {
  const received: ReceivedMail[] = [];
  let server: SMTPServer | undefined;
  return {
    received,
    async listen(port: number): Promise<void> {
      server = new SMTPServer({
        authOptional: true,
        disabledCommands: ["STARTTLS"],
        onData(stream, session, done) {
          let raw = "";
          stream.on("data", (chunk: Buffer) => (raw += chunk.toString()));
          stream.on("end", () => {
            received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(","), raw });
            done();
          });
        },
      });
      await new Promise<void>((resolve) => server!.listen(port, "127.0.0.1", resolve));
    },
    close(): Promise<void> {
      return new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    },
  };
}
