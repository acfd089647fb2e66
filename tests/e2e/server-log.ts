/** Where the e2e server's output is kept (scripts/start.ts tees it there when AXIS_SERVER_LOG is set). */
export const E2E_SERVER_LOG = '.data/e2e-server.log';
/** The e2e clinic's time zone: UTC-5 in winter, UTC-4 in summer. */
export const E2E_CLINIC_TIME_ZONE = 'America/New_York';
