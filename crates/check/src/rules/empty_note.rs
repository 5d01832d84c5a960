use yusuan_model::{Diagnostic, Severity};

use crate::util::Cx;
use crate::Rule;

/// R-EMPTY-NOTE: a table printed without data says so.
pub struct EmptyNote;

impl Rule for EmptyNote {
    fn id(&self) -> &'static str {
        "R-EMPTY-NOTE"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn title(&self) -> &'static str {
        "空表应注明“本表无数据”"
    }
    fn doc(&self) -> &'static str {
        "A table with no figure must still be printed with a statement (本表无数据, 故本表为空表). \
Why: the disclosure rules (财预〔2016〕143号) require it, so a reader can tell \"nothing\" from \
\"left out\". A table read from a document that prints figures extraction could not place \
is unread, not empty (N-EXTRACT-UNREAD says so), and is not judged."
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        for t in cx
            .report
            .tables
            .iter()
            .filter(|t| t.is_empty() && t.empty_note.is_none() && !t.unread)
        {
            out.push(
                Diagnostic::warning(
                    self.id(),
                    format!("{}没有数据，也没有“本表无数据”之类的说明", t.kind),
                    cx.at(t, None, None),
                )
                .with_hint("在表下注明“本表无数据”或说明原因"),
            );
        }
    }
}
