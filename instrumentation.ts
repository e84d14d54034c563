export async function register() {
  // NEXT_RUNTIME is inlined by Next at build time; the Node-only startup must not be bundled
  // for the edge runtime.
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startServer } = await import("./server/startup");
    await startServer();
  }
}
