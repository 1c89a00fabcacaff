import { CstUtils, DefaultValueConverter, type CstNode, type GrammarAST, type ValueType } from 'langium';
import { canonicalFieldPath } from '../dictionaries/path-forms.js';

/** Keeps field paths in one form: `PID-3(2)`, as some engines write it, is the repetition `PID-3[2]`. */
export class InterspecValueConverter extends DefaultValueConverter {
    protected override runConverter(rule: GrammarAST.AbstractRule, input: string, cstNode: CstNode): ValueType {
        if (rule.name === 'FieldPath') {
            // The tokens as written, quotes kept: `PID-3[authority = "NHS"]` is `PID-3[authority="NHS"]`, not `…=NHS]`.
            const written = CstUtils.flattenCst(cstNode).filter(leaf => !leaf.hidden).map(leaf => leaf.text).join('');
            return canonicalFieldPath(written);
        }
        return super.runConverter(rule, input, cstNode);
    }
}
