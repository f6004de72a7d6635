"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { PickerFilter, type PickOption } from "@/app/_components/data-table";
import { useTRPC } from "@/app/_lib/trpc";
import { useDebounced } from "@/app/_lib/use-debounced";

// The audit page's actor and subject filters, picked by name. The URL keeps ids ("actor", "subjectType"
// and "subject"), so a link reproduces the view.

function useSearchTerm() {
  const [term, setTerm] = useState("");
  const settled = useDebounced(term.trim(), 200);
  return { term, setTerm, settled, isReady: settled.length >= 2 };
}

export function ActorPicker({ selected }: { selected: string | null }) {
  const trpc = useTRPC();
  const s = useSearchTerm();
  const found = useQuery({
    ...trpc.audit.actors.queryOptions({ q: s.settled }),
    enabled: s.isReady,
    placeholderData: keepPreviousData,
  });
  const options: PickOption[] = (s.isReady ? (found.data ?? []) : []).map((a) => ({
    key: a.id,
    label: a.name,
    sub: a.role,
    patch: { actor: a.id },
  }));
  return (
    <PickerFilter
      label="Actor"
      placeholder="Type a name"
      params={["actor"]}
      selected={selected}
      term={s.term}
      onTerm={s.setTerm}
      options={options}
      isSearching={found.isFetching}
    />
  );
}

export function SubjectPicker({ selected }: { selected: string | null }) {
  const trpc = useTRPC();
  const s = useSearchTerm();
  const found = useQuery({
    ...trpc.audit.subjects.queryOptions({ q: s.settled }),
    enabled: s.isReady,
    placeholderData: keepPreviousData,
  });
  const options: PickOption[] = (s.isReady ? (found.data ?? []) : []).map((h) => ({
    key: `${h.subjectType}:${h.id}`,
    label: h.name,
    sub: h.kind,
    patch: { subjectType: h.subjectType, subject: h.id },
  }));
  return (
    <PickerFilter
      label="Subject"
      placeholder="Person, serial, order, case…"
      params={["subjectType", "subject"]}
      selected={selected}
      term={s.term}
      onTerm={s.setTerm}
      options={options}
      isSearching={found.isFetching}
      width="w-64"
    />
  );
}
