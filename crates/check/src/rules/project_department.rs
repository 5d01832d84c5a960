use yusuan_model::{Diagnostic, Location, Severity};

use crate::util::Cx;
use crate::Rule;

/// R-PROJECT-DEPT: one project's 主管部门 is not the one all the others print.
pub struct ProjectDepartment;

impl Rule for ProjectDepartment {
    fn id(&self) -> &'static str {
        "R-PROJECT-DEPT"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn title(&self) -> &'static str {
        "项目的主管部门与其他项目不一致"
    }
    fn doc(&self) -> &'static str {
        "The 项目支出绩效目标表 of one unit's report name one 主管部门 (with its code). When \
three or more projects print one and a project prints another, that project is named. Why: \
a 主管部门 copied from another unit's form (the seed's 906-社保科单位 among twelve \
353-长治市残疾人联合会) files the project under the wrong department."
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        let projects: Vec<_> = cx
            .report
            .projects
            .iter()
            .filter(|p| !p.department.trim().is_empty())
            .collect();
        let mut counts: Vec<(&str, usize)> = Vec::new();
        for p in &projects {
            match counts.iter_mut().find(|(d, _)| *d == p.department) {
                Some((_, n)) => *n += 1,
                None => counts.push((&p.department, 1)),
            }
        }
        counts.sort_by_key(|c| std::cmp::Reverse(c.1));
        let Some(&(usual, n)) = counts.first() else {
            return;
        };
        // Only a clear majority (three or more, and most of the projects) says what is usual.
        if n < 3 || n * 4 < projects.len() * 3 {
            return;
        }
        for p in projects.iter().filter(|p| p.department != usual) {
            out.push(Diagnostic::warning(
                self.id(),
                format!(
                    "项目「{}」的主管部门为「{}」，其他 {n} 个项目为「{usual}」",
                    p.name, p.department
                ),
                Location {
                    row: Some(p.name.clone()),
                    ..cx.at_file()
                },
            ));
        }
    }
}
