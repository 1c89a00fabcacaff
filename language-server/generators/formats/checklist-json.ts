import type { Checklist } from '../model.js';
import { emit, type TextSink } from '../text.js';

export const CHECKLIST_SCHEMA_ID = 'https://interspec.dev/schemas/go-live-checklist.schema.json';

/** Go-live checklists as JSON (schemas/go-live-checklist.schema.json), one checklist at a time. */
export async function writeChecklistJson(checklists: Iterable<Checklist>, sink: TextSink): Promise<void> {
    await emit(sink, `{\n  "$schema": ${JSON.stringify(CHECKLIST_SCHEMA_ID)},\n  "formatVersion": 1,\n  "checklists": [`);
    let count = 0;
    for (const checklist of checklists) {
        await emit(sink, `${count ? ',' : ''}\n    ${JSON.stringify(checklist, null, 2).replace(/\n/g, '\n    ')}`);
        count++;
    }
    await emit(sink, `${count ? '\n  ' : ''}]\n}\n`);
}
