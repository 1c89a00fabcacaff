/** The workspace configuration's file name; a module of its own so that light callers (the CLI's workspace lookup) load nothing else. */
export const CONFIG_FILE_NAME = 'interspec.yaml';
