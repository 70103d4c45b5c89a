// Settings for tests of other behaviour that send many messages as one clinician: the rate limits
// are proved in rate-limit.test.ts, not tripped by accident elsewhere.
export const NO_RATE_LIMIT = {
  RATE_LIMIT_USER_PER_MINUTE: "100000",
  RATE_LIMIT_TENANT_PER_MINUTE: "1000000",
} as const;
