// Lets code that just enqueued work ask this process's worker to send now instead of at its
// next 30-second tick (server/jobs/worker.ts registers the callback). Nothing depends on it:
// without a worker in this process, the next tick of any server sends the work.

const holder = globalThis as unknown as { __tandemWakeSender?: () => void };

export function onWakeSender(callback: (() => void) | undefined): void {
  holder.__tandemWakeSender = callback;
}

export function wakeSender(): void {
  holder.__tandemWakeSender?.();
}
