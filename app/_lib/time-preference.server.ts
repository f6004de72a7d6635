import "server-only";
import { workUnitAsyncStorage } from "next/dist/server/app-render/work-unit-async-storage.external";
import { installServerTimeCookieReader, TIME_COOKIE } from "@/app/_components/time-preference";

// formatDateTime is synchronous and shared by server and client components, so it cannot await
// cookies(). Next keeps the request (its cookies included) in this async storage while it renders both
// the server components and the server render of client components: read the one cookie from there.
// Outside a request (a build, a test) there is none, and times are shown in UTC.
installServerTimeCookieReader(() => {
  const store = workUnitAsyncStorage.getStore();
  return store?.type === "request" ? (store.cookies.get(TIME_COOKIE)?.value ?? null) : null;
});
