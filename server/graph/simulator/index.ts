export { startSimulator, type RunningSimulator, type StartSimulatorOptions } from "./server";
export { ensureSimulatorCa } from "./ca";
export { createTenant, type CreateTenantOptions } from "./tenant";
export type { SimulatorControl, GroundTruthKey } from "./control";
export type { FaultRule, Faults } from "./dispatch";
export type { DestructiveCall } from "./context";
export type { ThrottlingConfig, BucketSpec, ThrottlingMode } from "./throttle";
export { documentedThrottling, strictThrottling, throttlingFor } from "./throttle";
export type { TenantState } from "./model";
