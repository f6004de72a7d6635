"use client";

import { useQueryClient, type QueryKey } from "@tanstack/react-query";
import { useState } from "react";

/**
 * Puts the page's server read into the query cache before the component's query reads it: it is newer
 * than anything cached from an earlier visit, which `initialData` alone would keep showing. Once per
 * mount; after that the query's own reads (after a mutation, a poll) take over.
 */
export function useServerSeed<T>(queryKey: QueryKey, data: T) {
  const queryClient = useQueryClient();
  useState(() => queryClient.setQueryData(queryKey, data));
}
