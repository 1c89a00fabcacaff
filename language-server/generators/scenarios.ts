/**
 * What a tester does and sees for each exception scenario. Known scenarios (the required list of the domain
 * reading) get specific wording; any other `on <scenario>` gets a generic one.
 */
export interface ScenarioContext {
    source: string;
    target: string;
    site: string;
    message: string;
}

type Wording = (c: ScenarioContext) => { preconditions: string, stimulus: string };

const WORDING: Record<string, Wording> = {
    downtime: c => ({
        preconditions: `${c.target} is unavailable at ${c.site} (planned or unplanned outage).`,
        stimulus: `${c.source} sends ${c.message} during the outage.`
    }),
    recovery: c => ({
        preconditions: `${c.target} returns after an outage at ${c.site} with ${c.message} traffic queued.`,
        stimulus: 'Restore the connection and release the queue.'
    }),
    'duplicate-identity': c => ({
        preconditions: `The patient already exists at ${c.target} under another record or identifier.`,
        stimulus: `${c.source} sends ${c.message} for that patient.`
    }),
    correction: c => ({
        preconditions: `${c.message} was delivered to ${c.target}.`,
        stimulus: `${c.source} sends a corrected ${c.message} for the same record.`
    }),
    cancellation: c => ({
        preconditions: `${c.message} was delivered to ${c.target}.`,
        stimulus: `${c.source} cancels it.`
    }),
    'out-of-order': c => ({
        preconditions: `Two ${c.message} events exist for the same record.`,
        stimulus: `${c.source} delivers the later event first.`
    }),
    urgent: c => ({
        preconditions: `Normal traffic flows at ${c.site}.`,
        stimulus: `${c.source} sends an urgent (STAT) ${c.message}.`
    })
};

export function scenarioWording(scenario: string, context: ScenarioContext): { preconditions: string, stimulus: string } {
    const wording = WORDING[scenario];
    if (wording) {
        return wording(context);
    }
    return {
        preconditions: `The interface runs at ${context.site}.`,
        stimulus: `Bring about the "${scenario}" condition while ${context.source} sends ${context.message}.`
    };
}

/** The question of a checklist a row of this kind answers. */
export function questionOfRow(kind: 'normal' | 'exception' | 'semantic'): 'exceptions' | 'data-meaning' {
    return kind === 'exception' ? 'exceptions' : 'data-meaning';
}
