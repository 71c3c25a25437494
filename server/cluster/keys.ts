/** Keys and channels of one installation in Redis share this prefix (no ioredis here: imported by code every process loads). */
export const PREFIX = "samverkan:";
