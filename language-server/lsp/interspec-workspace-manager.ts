import { DefaultWorkspaceManager, type LangiumSharedCoreServices } from 'langium';

/**
 * Validates the whole workspace on start, not only the files an editor opens: workspace rules (a gate must
 * cover every critical interface of its site) make every file's findings matter, and the Problems panel
 * should show them before the architect opens anything.
 */
export class InterspecWorkspaceManager extends DefaultWorkspaceManager {
    constructor(services: LangiumSharedCoreServices) {
        super(services);
        this.initialBuildOptions = { validation: true };
    }
}
