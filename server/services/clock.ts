/** The current time, injected so that expiry and lock-out are testable without waiting. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
