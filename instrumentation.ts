// Next.js calls register() once per server start, in each runtime. Only the Node.js server boots
// KeyFleet; the condition is written so the Edge build drops the import (and the Node-only code).
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // First: rate limits key on the socket's address, which only this stamp carries to the handlers.
    const { installPeerAddressStamp } = await import("./server/security/peer-address");
    installPeerAddressStamp();
    const { bootOrExit } = await import("./server/boot");
    await bootOrExit();
  }
}
