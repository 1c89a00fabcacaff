import { lstatSync } from 'node:fs';

/** The workspace configuration's file name; a module of its own so that light callers (the CLI's workspace lookup) load nothing else. */
export const CONFIG_FILE_NAME = 'interspec.yaml';

/**
 * Whether anything is at `file`: a file, a folder, a FIFO or a symbolic link, also one to nothing or a loop of links
 * (`existsSync` says no to those, so a dangling `interspec.yaml` link was no configuration at all and its workspace
 * silently ran on the defaults). Whatever is there is then read, and what cannot be read is an error.
 */
export function configPresent(file: string): boolean {
    try {
        lstatSync(file);
        return true;
    } catch {
        return false;
    }
}
