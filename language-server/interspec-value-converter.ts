import { DefaultValueConverter, type CstNode, type GrammarAST, type ValueType } from 'langium';
import { canonicalFieldPath } from './dictionaries/path-forms.js';

/** Keeps field paths in one form: `PID-3(2)`, as some engines write it, is the repetition `PID-3[2]`. */
export class InterspecValueConverter extends DefaultValueConverter {
    protected override runConverter(rule: GrammarAST.AbstractRule, input: string, cstNode: CstNode): ValueType {
        const value = super.runConverter(rule, input, cstNode);
        return rule.name === 'FieldPath' && typeof value === 'string' ? canonicalFieldPath(value) : value;
    }
}
