//! Diagnostics are values: loading, deriving and checking collect them and go on.

use std::fmt;

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Note,
    Warning,
    Error,
}

impl Severity {
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// Where a diagnostic points: a file position, a page, a table cell, or several of them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none", rename = "col")]
    pub column_number: Option<u32>,
    /// A spreadsheet cell, `sheet!A1` (budget workbooks).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cell: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
}

impl Location {
    pub fn file(file: impl Into<String>) -> Location {
        Location {
            file: Some(file.into()),
            ..Location::default()
        }
    }

    pub fn at(mut self, line: u32, column: u32) -> Location {
        self.line = Some(line);
        self.column_number = Some(column);
        self
    }
}

impl fmt::Display for Location {
    /// `file:line:column`, then page and cell in Chinese.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts: Vec<String> = Vec::new();
        if let Some(file) = &self.file {
            let mut s = file.clone();
            if let Some(line) = self.line {
                s.push_str(&format!(":{line}"));
                if let Some(col) = self.column_number {
                    s.push_str(&format!(":{col}"));
                }
            }
            parts.push(s);
        }
        if let Some(cell) = &self.cell {
            parts.push(cell.clone());
        }
        if let Some(page) = self.page {
            parts.push(format!("第{page}页"));
        }
        if let Some(table) = &self.table {
            parts.push(table.clone());
        }
        if let Some(row) = &self.row {
            parts.push(format!("行「{row}」"));
        }
        if let Some(col) = &self.column {
            parts.push(format!("列「{col}」"));
        }
        f.write_str(&parts.join(" "))
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// Rule or error id (`E-INPUT-CSV`, `W-CODE-UNKNOWN`, `R-SUM-001`).
    pub rule: String,
    pub severity: Severity,
    /// Chinese, for a finance officer.
    pub message: String,
    pub location: Location,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn new(
        rule: &str,
        severity: Severity,
        message: impl Into<String>,
        location: Location,
    ) -> Diagnostic {
        Diagnostic {
            rule: rule.to_owned(),
            severity,
            message: message.into(),
            location,
            hint: None,
        }
    }

    pub fn error(rule: &str, message: impl Into<String>, location: Location) -> Diagnostic {
        Diagnostic::new(rule, Severity::Error, message, location)
    }

    pub fn warning(rule: &str, message: impl Into<String>, location: Location) -> Diagnostic {
        Diagnostic::new(rule, Severity::Warning, message, location)
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    /// rustc-style: `error[RULE] message`, `  --> location`, `  = 提示：hint`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{}[{}] {}",
            self.severity.as_str(),
            self.rule,
            self.message
        )?;
        write!(f, "  --> {}", self.location)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  = 提示：{hint}")?;
        }
        Ok(())
    }
}

/// True when any diagnostic is an error.
pub fn has_errors(diags: &[Diagnostic]) -> bool {
    diags.iter().any(|d| d.severity == Severity::Error)
}

/// What a report's findings come to: counts by severity, and the rules of its errors and
/// warnings by how often they fired, most first (ties in the order found).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
    pub rules: Vec<(String, usize)>,
}

impl Tally {
    pub fn of(findings: &[Diagnostic]) -> Tally {
        let count = |s| findings.iter().filter(|d| d.severity == s).count();
        let mut rules: Vec<(String, usize)> = Vec::new();
        for d in findings.iter().filter(|d| d.severity != Severity::Note) {
            match rules.iter_mut().find(|(r, _)| *r == d.rule) {
                Some((_, n)) => *n += 1,
                None => rules.push((d.rule.clone(), 1)),
            }
        }
        rules.sort_by_key(|r| std::cmp::Reverse(r.1));
        Tally {
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            notes: count(Severity::Note),
            rules,
        }
    }

    /// The `n` rules found most, as `R-CODE×17`.
    pub fn top(&self, n: usize) -> Vec<String> {
        self.rules
            .iter()
            .take(n)
            .map(|(id, k)| format!("{id}×{k}"))
            .collect()
    }
}
