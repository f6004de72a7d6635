// Next.js calls register() once per server start.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { boot } = await import("./server/boot");
  try {
    await boot();
  } catch (error) {
    // A configuration or database problem must stop start-up, with the message that names it.
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
