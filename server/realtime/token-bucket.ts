/** A token bucket: `rate` tokens a second, at most `burst` saved up. */
export function createTokenBucket(rate: number, burst: number, now: () => number = performance.now.bind(performance)) {
  let tokens = burst;
  let last = now();
  const refill = () => {
    const t = now();
    tokens = Math.min(burst, tokens + ((t - last) / 1000) * rate);
    last = t;
  };
  return {
    take(): boolean {
      refill();
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
    /** Milliseconds until the next token. */
    waitMs(): number {
      refill();
      return tokens >= 1 ? 0 : Math.ceil(((1 - tokens) / rate) * 1000);
    },
  };
}
