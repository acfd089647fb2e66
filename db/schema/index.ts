export * from './enums';
export * from './patients';
export * from './users';
export * from './care-teams';
export * from './audit';
export * from './auth';
export * from './results';
