export { CONSOLE_DIST, SIGN_IN_PATH, createConsoleRouter } from './console-router.js';
export {
  consoleLink,
  consoleUrlFrom,
  createConsoleLinkCommand,
  type ConsoleLinkOptions,
} from './console-link-command.js';
export { LINK_LIFETIME_MS, createLinkCode, redeemLinkCode } from './console-links.js';
