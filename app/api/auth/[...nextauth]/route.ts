import { handlers } from "@/server/auth";
import { limitSignIn } from "@/server/auth/sign-in-limit";

export const GET = limitSignIn(handlers.GET);
export const POST = limitSignIn(handlers.POST);
