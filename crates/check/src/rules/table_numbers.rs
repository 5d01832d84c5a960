use yusuan_model::{Diagnostic, Severity};

use crate::util::Cx;
use crate::Rule;

/// R-TABLE-NUMBER: the tables' printed numbers (`预算公开表1`, `公开01表`) share one form and
/// run in order.
pub struct TableNumbers;

/// A number label's form (its digits as `#`) and its number.
fn parts(label: &str) -> (String, Option<u32>) {
    let form: String = label
        .chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect();
    let digits: String = label.chars().filter(char::is_ascii_digit).collect();
    (form.replace("##", "#"), digits.parse().ok())
}

impl Rule for TableNumbers {
    fn id(&self) -> &'static str {
        "R-TABLE-NUMBER"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn title(&self) -> &'static str {
        "表号格式一致、顺序连续"
    }
    fn doc(&self) -> &'static str {
        "When tables print a number label (`预算公开表1`, `公开01表`), every label has the form \
most of them have (the seed's 部门公开表9 among 预算公开表N is named), and the numbers run \
1, 2, 3 … in the order the tables are printed (a number skipped or repeated is named). Why: \
the explanation and readers refer to tables by these numbers."
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        let labelled: Vec<_> = cx
            .report
            .tables
            .iter()
            .filter_map(|t| t.number.as_deref().map(|n| (t, n, parts(n))))
            .collect();
        if labelled.len() < 3 {
            return;
        }
        let mut forms: Vec<(&str, usize)> = Vec::new();
        for (_, _, (form, _)) in &labelled {
            match forms.iter_mut().find(|(f, _)| f == form) {
                Some((_, n)) => *n += 1,
                None => forms.push((form, 1)),
            }
        }
        forms.sort_by_key(|f| std::cmp::Reverse(f.1));
        let usual = forms[0].0;
        if forms[0].1 * 2 > labelled.len() {
            let example = labelled
                .iter()
                .find(|(_, _, (f, _))| f == usual)
                .map_or("", |(_, n, _)| *n);
            for (t, label, (form, _)) in labelled.iter().filter(|(_, _, (f, _))| f != usual) {
                let _ = form;
                out.push(Diagnostic::warning(
                    self.id(),
                    format!(
                        "{}的表号「{label}」与其他表（如「{example}」）的写法不一致",
                        t.kind
                    ),
                    cx.at(t, None, None),
                ));
            }
        }
        for pair in labelled.windows(2) {
            let ((_, a, (_, x)), (t, b, (_, y))) = (&pair[0], &pair[1]);
            if let (Some(x), Some(y)) = (x, y) {
                if *y != x + 1 {
                    out.push(Diagnostic::warning(
                        self.id(),
                        format!("表号不连续：「{a}」之后是「{b}」"),
                        cx.at(t, None, None),
                    ));
                }
            }
        }
    }
}
