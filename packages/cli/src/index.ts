export * from './service-session.js';
