// Test fixtures only (`@cadran/domain/testing`): never import from production code.
export * from './worked-setting.js';
export * from './sequential-ids.js';
export * from './temp-dir.js';
export * from '../specification.js';
export * from './child-process.js';
export * from './refusal.js';
