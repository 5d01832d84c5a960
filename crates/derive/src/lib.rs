//! Derivation: a [`Budget`]'s exact lines → the [`Report`] a template profile prints.
//!
//! Every cell is the exact sum, in fen, of the lines that pass the table's, the row's
//! and the column's filters, rounded to the table's unit on its own — as the
//! published documents do. Rollups 项 → 款 → 类 are sums of lines, never sums of
//! rounded cells, so identities hold exactly in fen and only the printed figures carry
//! rounding differences.

mod explain;
mod facts;
pub mod synthetic;

use std::collections::{BTreeMap, HashMap};

use yusuan_catalog::Catalog;
use yusuan_model::{
    Amount, Block, Budget, Diagnostic, EconCode, FuncCode, FuncLevel, Line, Location, Printed,
    Report, ReportMeta, Row, RowRole, SourceDetail, Table,
};
use yusuan_profile::{
    BlockSpec, ColumnSpec, Figures, Filter, FuncTree, Profile, RowSpec, TableSpec, UnitContext,
};

pub use explain::explain;
pub use facts::derive_facts;

/// Derives the report of `budget` under `profile`. Unknown codes give warnings and
/// rows named by their code; nothing is dropped.
pub fn derive(budget: &Budget, profile: &Profile, catalog: &Catalog) -> (Report, Vec<Diagnostic>) {
    let mut cx = Cx {
        budget,
        catalog,
        unit: UnitContext {
            has_admin_running_cost: budget.unit.kind.has_admin_running_cost(),
        },
        lines: figures(budget),
        diags: Vec::new(),
        warned: Vec::new(),
    };
    let tables = profile
        .tables
        .iter()
        .enumerate()
        .map(|(i, spec)| cx.table(spec, i + 1))
        .collect();
    let meta = ReportMeta {
        unit_name: budget.unit.name.clone(),
        unit_code: budget.unit.code.clone(),
        unit_kind: Some(budget.unit.kind),
        year: budget.unit.year,
        family: budget.unit.family,
        scope: budget.unit.scope,
        profile: profile.id.to_owned(),
    };
    let mut report = Report {
        meta,
        tables,
        facts: Vec::new(),
        projects: budget.projects.clone(),
        text: Vec::new(),
        toc: Vec::new(),
        statements: Vec::new(),
    };
    report.facts = derive_facts(budget, &report);
    let (text, statements, more) = explain(budget, profile, &report);
    report.text = text;
    report.statements = statements;
    cx.diags.extend(more);
    (report, cx.diags)
}

/// Every figure of the budget a cell may add up, each tagged with what it is: the
/// spending lines (merged), and for a 决算 its income, balances and budgeted 三公 as lines
/// of the same shape. Only spending and income lines carry real codes; the others stand
/// under a placeholder 项 and are only ever summed into fixed rows.
/// The 项 the figures without one stand under: no 类 200 exists, so no row ever shows it.
const UNCLASSIFIED: &str = "2000000";

fn figures(budget: &Budget) -> Vec<(Figures, Line)> {
    use yusuan_model::{Category, FundingSource, Period};
    let placeholder_func = FuncCode::parse(UNCLASSIFIED).expect("valid code");
    let placeholder_econ = EconCode::parse("39999").expect("valid code");
    let stated = |func: &FuncCode, econ: &EconCode, source, amount| Line {
        func: func.clone(),
        econ: econ.clone(),
        category: Category::Personnel,
        source,
        detail: None,
        period: Period::Current,
        project: None,
        amount,
    };
    let mut out: Vec<(Figures, Line)> = merge_lines(&budget.lines)
        .into_iter()
        .map(|l| (Figures::Spending, l))
        .collect();
    for i in &budget.income {
        out.push((
            Figures::Income,
            stated(&i.func, &placeholder_econ, i.source, i.amount),
        ));
    }
    let b = &budget.balances;
    // A source given by 项 stands under its 项; the others under no 项.
    for i in &budget.item_balances {
        out.push((
            Figures::Opening,
            stated(&i.func, &placeholder_econ, i.source, i.opening),
        ));
        out.push((
            Figures::Closing,
            stated(&i.func, &placeholder_econ, i.source, i.closing),
        ));
    }
    for (set, map) in [
        (Figures::Opening, &b.opening),
        (Figures::Closing, &b.closing),
    ] {
        for (source, amount) in map
            .iter()
            .filter(|(s, _)| !budget.item_balances.iter().any(|i| i.source == **s))
        {
            out.push((
                set,
                stated(&placeholder_func, &placeholder_econ, *source, *amount),
            ));
        }
    }
    for (set, amount) in [
        (Figures::NonFiscalUsed, b.non_fiscal_used),
        (Figures::Distribution, b.distribution),
    ] {
        if let Some(a) = amount {
            out.push((
                set,
                stated(
                    &placeholder_func,
                    &placeholder_econ,
                    FundingSource::UnitFunds,
                    a,
                ),
            ));
        }
    }
    let t = &budget.three_public_budget;
    for (econ, amount) in [
        ("30212", t.outbound),
        ("30217", t.reception),
        ("31013", t.vehicle_purchase),
        ("30231", t.vehicle_operation),
    ] {
        if let Some(a) = amount {
            let econ = EconCode::parse(econ).expect("valid code");
            out.push((
                Figures::Budgeted,
                stated(
                    &placeholder_func,
                    &econ,
                    FundingSource::GeneralPublicBudget,
                    a,
                ),
            ));
        }
    }
    out
}

/// Lines with the same classification merged: derivation cost then depends on how
/// many distinct combinations a budget has, not on how many rows it was typed in.
fn merge_lines(lines: &[Line]) -> Vec<Line> {
    type Key<'a> = (
        &'a FuncCode,
        &'a EconCode,
        u8,
        u8,
        Option<SourceDetail>,
        u8,
        Option<&'a str>,
    );
    let mut index: HashMap<Key, usize> = HashMap::new();
    let mut merged: Vec<Line> = Vec::new();
    for line in lines {
        let key = (
            &line.func,
            &line.econ,
            line.category as u8,
            line.source as u8,
            line.detail,
            line.period as u8,
            line.project.as_deref(),
        );
        match index.get(&key) {
            Some(&i) => merged[i].amount += line.amount,
            None => {
                index.insert(key, merged.len());
                merged.push(line.clone());
            }
        }
    }
    merged
}

struct Cx<'a> {
    budget: &'a Budget,
    catalog: &'a Catalog,
    unit: UnitContext,
    lines: Vec<(Figures, Line)>,
    diags: Vec<Diagnostic>,
    /// Codes already warned about, so each unknown code is reported once.
    warned: Vec<String>,
}

/// Sums per column for one row.
type Sums = Vec<Amount>;

impl Cx<'_> {
    fn table(&mut self, spec: &TableSpec, position: usize) -> Table {
        let blocks: Vec<Block> = spec.blocks.iter().map(|b| self.block(spec, b)).collect();
        let mut table = Table {
            kind: spec.kind,
            number: spec.number_for(position),
            title: spec.title_for(self.budget.unit.year),
            unit: spec.unit,
            prints_codes: spec.prints_codes,
            blocks,
            empty_note: None,
            page: None,
            line: None,
            issuer: None,
            notes: Vec::new(),
            header: Vec::new(),
            unread: false,
        };
        if table.is_empty() {
            table.empty_note =
                Some(spec.empty_note_for(self.budget.unit.year, &self.budget.unit.name));
        }
        table
    }

    /// One row's sums: a single pass over the figures, every column at once. A cell adds
    /// up the figures its row, else its column, else its table names (spending lines when
    /// none does).
    fn sums(&self, spec: &TableSpec, columns: &[ColumnSpec], row: &Filter) -> Sums {
        let mut sums = vec![Amount::ZERO; columns.len()];
        for (set, line) in &self.lines {
            if !spec.filter.matches(line, self.unit) || !row.matches(line, self.unit) {
                continue;
            }
            for (sum, c) in sums.iter_mut().zip(columns) {
                let wanted = row
                    .figures
                    .or(c.filter.figures)
                    .or(spec.filter.figures)
                    .unwrap_or(&[Figures::Spending]);
                if wanted.contains(set) && c.filter.matches(line, self.unit) {
                    *sum += line.amount;
                }
            }
        }
        sums
    }

    /// Whether a line of classified rows (a code tree, projects) counts in column `c`: only
    /// spending, income and balances given by 项 carry codes.
    fn classified(&self, spec: &TableSpec, c: &ColumnSpec, set: Figures, line: &Line) -> bool {
        let wanted = c
            .filter
            .figures
            .or(spec.filter.figures)
            .unwrap_or(&[Figures::Spending]);
        let coded = match set {
            Figures::Spending | Figures::Income => true,
            Figures::Opening | Figures::Closing => line.func.as_str() != UNCLASSIFIED,
            _ => false,
        };
        coded && wanted.contains(&set) && c.filter.matches(line, self.unit)
    }

    fn block(&mut self, spec: &TableSpec, block: &BlockSpec) -> Block {
        let mut rows = Vec::new();
        for row_spec in &block.rows {
            match row_spec {
                RowSpec::Fixed { name, role, filter } => {
                    let sums = self.sums(spec, &block.columns, filter);
                    rows.push(printed_row(
                        None,
                        (*name).to_owned(),
                        None,
                        *role,
                        &sums,
                        spec,
                    ));
                }
                RowSpec::UnitName => {
                    let sums = self.sums(spec, &block.columns, &Filter::all());
                    rows.push(printed_row(
                        None,
                        self.budget.unit.name.clone(),
                        None,
                        RowRole::Data,
                        &sums,
                        spec,
                    ));
                }
                RowSpec::Func(tree) => self.func_rows(spec, &block.columns, *tree, &mut rows),
                RowSpec::Econ => self.econ_rows(spec, &block.columns, None, &mut rows),
                RowSpec::EconListed(listed) => {
                    self.econ_rows(spec, &block.columns, Some(listed), &mut rows)
                }
                RowSpec::Projects => self.project_rows(spec, &block.columns, &mut rows),
                RowSpec::Procurement => procurement_rows(self.budget, spec, block, &mut rows),
            }
        }
        Block {
            side: block.side,
            columns: block
                .columns
                .iter()
                .map(|c| yusuan_model::Column::new(c.name))
                .collect(),
            rows,
        }
    }

    /// Sums every passing line under the key it gives, per column. Keys borrow from the
    /// lines, so grouping allocates per distinct key, not per line.
    fn grouped<'l>(
        &'l self,
        spec: &TableSpec,
        columns: &[ColumnSpec],
        key: impl Fn(&'l Line) -> Option<&'l str>,
    ) -> HashMap<&'l str, Sums> {
        let mut acc: HashMap<&str, Sums> = HashMap::new();
        for (set, line) in self
            .lines
            .iter()
            .filter(|(_, l)| spec.filter.matches(l, self.unit))
        {
            let Some(k) = key(line) else { continue };
            if !columns.iter().any(|c| self.classified(spec, c, *set, line)) {
                continue;
            }
            let sums = acc
                .entry(k)
                .or_insert_with(|| vec![Amount::ZERO; columns.len()]);
            for (sum, c) in sums.iter_mut().zip(columns) {
                if self.classified(spec, c, *set, line) {
                    *sum += line.amount;
                }
            }
        }
        acc
    }

    /// Adds each leaf's sums to the prefixes of its code of the given lengths.
    fn roll_up(
        leaves: &HashMap<&str, Sums>,
        lengths: &[usize],
        width: usize,
    ) -> BTreeMap<String, Sums> {
        let mut acc: BTreeMap<String, Sums> = BTreeMap::new();
        for (code, sums) in leaves {
            for &len in lengths.iter().filter(|&&len| len <= code.len()) {
                let target = acc
                    .entry(code[..len].to_owned())
                    .or_insert_with(|| vec![Amount::ZERO; width]);
                for (t, s) in target.iter_mut().zip(sums) {
                    *t += *s;
                }
            }
        }
        acc.retain(|_, sums| sums.iter().any(|a| !a.is_zero()));
        acc
    }

    fn func_rows(
        &mut self,
        spec: &TableSpec,
        columns: &[ColumnSpec],
        tree: FuncTree,
        rows: &mut Vec<Row>,
    ) {
        let lengths: Vec<usize> = [FuncLevel::Lei, FuncLevel::Kuan, FuncLevel::Xiang]
            .into_iter()
            .filter(|l| *l <= tree.depth)
            .map(FuncLevel::digits)
            .collect();
        let mut acc = Self::roll_up(
            &self.grouped(spec, columns, |l| Some(l.func.as_str())),
            &lengths,
            columns.len(),
        );
        if let Some(listed) = tree.listed {
            // The template's own list, in its order; a 类 with money outside it follows.
            for code in listed {
                let sums = acc
                    .remove(*code)
                    .unwrap_or_else(|| vec![Amount::ZERO; columns.len()]);
                let name = self.func_name(&FuncCode::parse(code).expect("a listed 类 code"));
                rows.push(printed_row(
                    Some((*code).to_owned()),
                    name,
                    None,
                    RowRole::Data,
                    &sums,
                    spec,
                ));
            }
        } else if tree.every_class {
            for class in self.catalog.func_classes(self.budget.unit.year) {
                acc.entry(class.as_str().to_owned())
                    .or_insert_with(|| vec![Amount::ZERO; columns.len()]);
            }
        }
        // Codes sort so that every parent comes right before its children.
        for (code, sums) in acc {
            let name = self.func_name(&FuncCode::parse(&code).expect("prefix of a valid code"));
            rows.push(printed_row(
                Some(code),
                name,
                None,
                RowRole::Data,
                &sums,
                spec,
            ));
        }
    }

    /// Economic rows: each 类 then its 款 with money, or, for a template that prints a fixed
    /// list, every listed code in its order (blank when empty) and then any code with
    /// money the list lacks, so nothing is dropped.
    fn econ_rows(
        &mut self,
        spec: &TableSpec,
        columns: &[ColumnSpec],
        listed: Option<&[&str]>,
        rows: &mut Vec<Row>,
    ) {
        let mut acc = Self::roll_up(
            &self.grouped(spec, columns, |l| Some(l.econ.as_str())),
            &[3, 5],
            columns.len(),
        );
        let mut ordered: Vec<(String, Sums)> = Vec::new();
        for code in listed.unwrap_or_default() {
            let sums = acc
                .remove(*code)
                .unwrap_or_else(|| vec![Amount::ZERO; columns.len()]);
            ordered.push(((*code).to_owned(), sums));
        }
        ordered.extend(acc);
        for (code, sums) in ordered {
            let code = EconCode::parse(&code).expect("prefix of a valid code");
            let name = self.econ_name(&code);
            let aux = if spec.prints_gov_econ && !code.is_class() {
                self.catalog
                    .gov_econ(&code, self.budget.unit.kind)
                    .and_then(|gov| self.catalog.econ(gov, self.budget.unit.year))
                    .map(|f| f.name.to_owned())
            } else {
                None
            };
            rows.push(printed_row(
                Some(code.as_str().to_owned()),
                name,
                aux,
                RowRole::Data,
                &sums,
                spec,
            ));
        }
    }

    fn project_rows(&mut self, spec: &TableSpec, columns: &[ColumnSpec], rows: &mut Vec<Row>) {
        // Projects keep the order of the project list, then of first appearance in lines.
        let mut order: Vec<&str> = self
            .budget
            .projects
            .iter()
            .map(|p| p.name.as_str())
            .collect();
        let mut known: std::collections::HashSet<&str> = order.iter().copied().collect();
        for line in &self.budget.lines {
            if let Some(p) = line.project.as_deref() {
                if known.insert(p) {
                    order.push(p);
                }
            }
        }
        let acc = self.grouped(spec, columns, |l| l.project.as_deref());
        let found: Vec<(String, Sums)> = order
            .iter()
            .filter_map(|name| {
                acc.get(name)
                    .filter(|s| s.iter().any(|a| !a.is_zero()))
                    .map(|s| ((*name).to_owned(), s.clone()))
            })
            .collect();
        for (name, sums) in found {
            rows.push(printed_row(None, name, None, RowRole::Data, &sums, spec));
        }
    }

    fn func_name(&mut self, code: &FuncCode) -> String {
        match self.catalog.func(code, self.budget.unit.year) {
            Some(found) => found.name.to_owned(),
            None => {
                self.unknown(code.as_str(), "功能分类");
                code.as_str().to_owned()
            }
        }
    }

    fn econ_name(&mut self, code: &EconCode) -> String {
        match self.catalog.econ(code, self.budget.unit.year) {
            Some(found) => found.name.to_owned(),
            None => {
                self.unknown(code.as_str(), "经济分类");
                code.as_str().to_owned()
            }
        }
    }

    fn unknown(&mut self, code: &str, system: &str) {
        if self.warned.iter().any(|c| c == code) {
            return;
        }
        self.warned.push(code.to_owned());
        self.diags.push(
            Diagnostic::warning(
                "W-CODE-UNKNOWN",
                format!(
                    "{}年{}科目表中没有编码「{code}」，表中以编码代替名称",
                    self.budget.unit.year, system
                ),
                Location::default(),
            )
            .with_hint("用 --catalog 加载当年官方科目表，或检查编码是否有误"),
        );
    }
}

/// The 政府采购 lines as the 江苏 table lists them: 合计; each kind with its letter (`货物A`);
/// under it each 专项 with its 经济科目 — the first named by the 专项, a further 经济科目
/// of the same 专项 by itself — and under each, its items. A name the table has used
/// already is qualified by the row it sits under (tidy-export's rule). Every column of the
/// block takes the same amount: the table has one.
fn procurement_rows(budget: &Budget, spec: &TableSpec, block: &BlockSpec, rows: &mut Vec<Row>) {
    use yusuan_model::ProcurementKind;
    let items = &budget.procurement_items;
    let width = block.columns.len();
    let mut used: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut push = |rows: &mut Vec<Row>,
                    name: &str,
                    parent: &str,
                    aux: Option<String>,
                    role,
                    amount: Amount| {
        let shown = if used.contains(name) && !parent.is_empty() {
            format!("{parent}/{name}")
        } else {
            name.to_owned()
        };
        used.insert(name.to_owned());
        rows.push(printed_row(
            None,
            shown,
            aux,
            role,
            &vec![amount; width],
            spec,
        ));
    };
    let total: Amount = items.iter().map(|i| i.amount).sum();
    push(rows, "合计", "", None, RowRole::Total, total);
    for kind in ProcurementKind::ALL {
        let of_kind: Vec<_> = items.iter().filter(|i| i.kind == *kind).collect();
        if of_kind.is_empty() {
            continue;
        }
        let kind_name = format!("{}{}", kind.label(), kind.letter());
        let sum = of_kind.iter().map(|i| i.amount).sum();
        push(rows, &kind_name, "", None, RowRole::Data, sum);
        let mut projects: Vec<&str> = Vec::new();
        for i in &of_kind {
            if !projects.contains(&i.project.as_str()) {
                projects.push(&i.project);
            }
        }
        for project in projects {
            let mut econs: Vec<&str> = Vec::new();
            for i in of_kind.iter().filter(|i| i.project == project) {
                if !econs.contains(&i.econ.as_str()) {
                    econs.push(&i.econ);
                }
            }
            for (n, econ) in econs.iter().enumerate() {
                let group: Vec<_> = of_kind
                    .iter()
                    .filter(|i| i.project == project && i.econ == *econ)
                    .collect();
                let (name, parent) = if n == 0 {
                    (project, kind_name.as_str())
                } else {
                    (*econ, project)
                };
                let sum = group.iter().map(|i| i.amount).sum();
                push(
                    rows,
                    name,
                    parent,
                    Some((*econ).to_owned()),
                    RowRole::Data,
                    sum,
                );
                for i in group {
                    let method = (!i.method.is_empty()).then(|| i.method.clone());
                    push(rows, &i.item, name, method, RowRole::Data, i.amount);
                }
            }
        }
    }
}

fn printed_row(
    code: Option<String>,
    name: String,
    aux: Option<String>,
    role: RowRole,
    sums: &[Amount],
    spec: &TableSpec,
) -> Row {
    let cells = sums.iter().map(|a| printed_cell(*a, spec)).collect();
    Row {
        code,
        name,
        aux,
        role,
        cells,
        page: None,
        line: None,
    }
}

/// A zero prints as a blank cell.
fn printed_cell(amount: Amount, spec: &TableSpec) -> Option<Printed> {
    let p = amount.round_to(spec.unit);
    (!p.is_zero()).then_some(p)
}
