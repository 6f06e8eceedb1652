import { isDomainError } from '@cadran/domain';

/** A service opened for one command, and how to let it go. */
export type OpenedService<Service> = { service: Service; close(): Promise<void> };

export type ServiceCommandDeps<Service> = {
  /**
   * Opens the service when a subcommand runs (not for --help). The platform provides it: it owns
   * the data directory, the store and the read models.
   */
  open: () => Promise<OpenedService<Service>>;
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
};

/**
 * What the subcommands of a service share: where they write, and `withService`, which opens the
 * service, runs the work on it and always closes it. A refusal (DomainError) while opening or
 * working is printed as `error (CODE): message` and sets exit code 1; any other error is thrown.
 */
export function serviceSession<Service>(deps: ServiceCommandDeps<Service>) {
  const stdout = deps.stdout ?? ((text: string) => process.stdout.write(text));
  const stderr = deps.stderr ?? ((text: string) => process.stderr.write(text));
  const refuse = (error: unknown) => {
    if (!isDomainError(error)) throw error;
    stderr(`error (${error.code}): ${error.message}\n`);
    process.exitCode = 1;
  };
  const withService = async (work: (service: Service) => Promise<void> | void) => {
    let opened: OpenedService<Service>;
    try {
      opened = await deps.open();
    } catch (error) {
      return refuse(error);
    }
    try {
      await work(opened.service);
    } catch (error) {
      refuse(error);
    } finally {
      await opened.close();
    }
  };
  return { stdout, stderr, withService };
}
