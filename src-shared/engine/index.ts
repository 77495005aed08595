/** The Neurite engine: see README.md in this folder. */
export * from './activations';
export * from './compile';
export * from './workspace';
export * from './forward';
export * from './backward';
export * from './loss';
export * from './sample';
export * from './stats';
export * from './init';
export * from './dale';
export * from './schedule';
export * from './optimizer';
export * from './trainer';
export * from './rng';
export * from './build';
export { defaultKernel, kernelVariant, relaxedSimdAvailable, setDefaultKernel, setKernelVariant, simdUnavailableReason, type KernelKind, type KernelVariant } from './simd/module';
export type { Floats, Precision } from './simd/backend';
