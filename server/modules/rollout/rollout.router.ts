import { csvExportOutput } from "@/server/modules/inventory/inventory.schemas";
import { procedure, router } from "@/server/trpc/init";
import {
  adoptionInput,
  adoptionOutput,
  exportInput,
  filterChoicesOutput,
  freshnessOutput,
  groupSearchInput,
  groupSearchOutput,
  hygieneInput,
  hygieneOutput,
  incidentsOutput,
  latestSyncOutput,
  readinessOutput,
  registrationTimesInput,
  registrationTimesOutput,
  signInMixOutput,
  stockOutput,
  trendsInput,
  trendsOutput,
  waveIdInput,
  waveInput,
  waveMemberChanged,
  waveMemberInput,
  waveMembersInput,
  waveMembersOutput,
  waveSavedOutput,
  wavesOutput,
  waveUpdateInput,
} from "./rollout.schemas";

const read = () => procedure("rollout.read");
const write = () => procedure("rollout.write");

export const rolloutRouter = router({
  waves: read()
    .output(wavesOutput)
    .query(({ ctx }) => ctx.services.rollout.waves.listWaves()),
  filterChoices: read()
    .output(filterChoicesOutput)
    .query(({ ctx }) => ctx.services.rollout.waves.filterChoices()),
  searchGroups: write()
    .input(groupSearchInput)
    .output(groupSearchOutput)
    .query(({ ctx, input }) => ctx.services.rollout.waves.searchGroups(input.q)),
  createWave: write()
    .input(waveInput)
    .output(waveSavedOutput)
    .mutation(({ ctx, input }) => ctx.services.rollout.waves.createWave(ctx.request, input)),
  updateWave: write()
    .input(waveUpdateInput)
    .output(waveSavedOutput)
    .mutation(({ ctx, input }) => ctx.services.rollout.waves.updateWave(ctx.request, input)),
  /** Names of people: for those who steer the waves, not for procurement's planning. */
  waveMembers: write()
    .input(waveMembersInput)
    .output(waveMembersOutput)
    .query(({ ctx, input }) => ctx.services.rollout.waves.members(input)),
  addWaveMember: write()
    .input(waveMemberInput)
    .output(waveMemberChanged)
    .mutation(({ ctx, input }) => ctx.services.rollout.waves.addMember(ctx.request, input)),
  removeWaveMember: write()
    .input(waveMemberInput)
    .output(waveMemberChanged)
    .mutation(({ ctx, input }) => ctx.services.rollout.waves.removeMember(ctx.request, input)),
  deleteWave: write()
    .input(waveIdInput)
    .output(waveIdInput)
    .mutation(({ ctx, input }) => ctx.services.rollout.waves.deleteWave(ctx.request, input)),

  adoption: read()
    .input(adoptionInput)
    .output(adoptionOutput)
    .query(({ ctx, input }) => ctx.services.rollout.dashboard.adoption(input.by)),
  registrationTimes: read()
    .input(registrationTimesInput)
    .output(registrationTimesOutput)
    .query(({ ctx, input }) => ctx.services.rollout.dashboard.registrationTimes(input.waveId)),
  readiness: read()
    .output(readinessOutput)
    .query(({ ctx }) => ctx.services.rollout.dashboard.readiness()),
  stock: read()
    .output(stockOutput)
    .query(({ ctx }) => ctx.services.rollout.dashboard.stock()),
  incidents: read()
    .output(incidentsOutput)
    .query(({ ctx }) => ctx.services.rollout.dashboard.incidents()),
  signInMix: read()
    .output(signInMixOutput)
    .query(({ ctx }) => ctx.services.rollout.dashboard.signInMix()),
  hygiene: read()
    .input(hygieneInput)
    .output(hygieneOutput)
    .query(({ ctx, input }) => ctx.services.rollout.dashboard.hygiene(input.staleDays)),
  trends: read()
    .input(trendsInput)
    .output(trendsOutput)
    .query(({ ctx, input }) => ctx.services.rollout.dashboard.trends(input.dimension, input.key)),
  freshness: read()
    .output(freshnessOutput)
    .query(({ ctx }) => ctx.services.rollout.dashboard.freshness()),
  latestSync: read()
    .output(latestSyncOutput)
    .query(({ ctx }) => ctx.services.rollout.dashboard.latestSync()),
  exportCsv: read()
    .input(exportInput)
    .output(csvExportOutput)
    .query(({ ctx, input }) => ctx.services.rollout.exportCsv(input)),
});
