import { createContext } from "@/server/trpc/context";
import { handleTrpc } from "@/server/trpc/http";

const handler = (req: Request) => handleTrpc(req, createContext);

export { handler as GET, handler as POST };
