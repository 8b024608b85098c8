/** Every command answers with the global position of the last event it wrote, as a string. */
export type CommandResult = { position: string };

export const positionOf = (position: bigint): CommandResult => ({ position: position.toString() });
