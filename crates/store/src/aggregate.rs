//! Sums over stored reports: spending by 类 / 款 / 项, by economic 款, or income by
//! funding source, cut by unit, year and family. Exact fen throughout.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sqlx::Row;
use yusuan_model::{Amount, MoneyUnit};

use crate::{Result, Store};

/// What is summed: a column of the 支出总表 (or 支出决算表).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// 合计
    #[default]
    Total,
    /// 基本支出
    Basic,
    /// 项目支出
    Project,
}

impl Measure {
    fn column(self) -> &'static str {
        match self {
            Measure::Total => "合计",
            Measure::Basic => "基本支出",
            Measure::Project => "项目支出",
        }
    }
}

/// The drilldown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AggregateBy {
    /// 功能分类 类 (3 digits)
    #[default]
    Class,
    /// 款 (5 digits)
    Kuan,
    /// 项 (7 digits)
    Xiang,
    /// 经济分类 款 of the 基本支出 table
    Econ,
    /// 资金来源 of the 收入总表
    Source,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct AggregateQuery {
    #[serde(default)]
    pub measure: Measure,
    #[serde(default)]
    pub by: AggregateBy,
    /// Unit name, exactly.
    pub unit: Option<String>,
    pub year: Option<i64>,
    /// 预算 or 决算.
    pub family: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AggregateRow {
    pub year: i64,
    pub unit: String,
    /// The code (类 / 款 / 项 / economic), or the source's name.
    pub key: String,
    pub name: String,
    pub fen: i64,
    /// 元 with two decimals.
    pub yuan: String,
}

/// A query parameter.
enum Bind {
    Text(String),
    Int(i64),
}

const TOTAL_ROWS: &[&str] = &["合计", "收入合计", "本年收入合计", "总计", "收入总计"];

impl Store {
    pub async fn aggregate(&self, q: &AggregateQuery) -> Result<Vec<AggregateRow>> {
        let (kinds, columns): (&[&str], Vec<&str>) = match q.by {
            AggregateBy::Class | AggregateBy::Kuan | AggregateBy::Xiang => {
                (&["支出总表", "支出决算表"], vec![q.measure.column()])
            }
            AggregateBy::Econ => (
                &[
                    "一般公共预算基本支出表",
                    "一般公共预算财政拨款基本支出决算表",
                ],
                vec!["合计", "预算数", "决算数"],
            ),
            AggregateBy::Source => (&["收入总表", "收入决算表"], Vec::new()),
        };
        let mut sql = String::from(
            "SELECT r.year, u.name, c.row_code, c.row_name, c.col, c.fen, r.id \
             FROM cells c JOIN reports r ON r.id = c.report_id JOIN units u ON u.id = r.unit_id \
             WHERE c.table_kind IN ($1, $2)",
        );
        let mut binds: Vec<Bind> = kinds.iter().map(|k| Bind::Text((*k).to_owned())).collect();
        if !columns.is_empty() {
            let mut marks = Vec::new();
            for c in &columns {
                binds.push(Bind::Text((*c).to_owned()));
                marks.push(format!("${}", binds.len()));
            }
            sql.push_str(&format!(" AND c.col IN ({})", marks.join(", ")));
        }
        let mut param = |sql: &mut String, clause: &str, v: Bind| {
            binds.push(v);
            sql.push_str(&clause.replace('?', &format!("${}", binds.len())));
        };
        if let Some(unit) = &q.unit {
            param(&mut sql, " AND u.name = ?", Bind::Text(unit.clone()));
        }
        if let Some(family) = &q.family {
            param(&mut sql, " AND r.family = ?", Bind::Text(family.clone()));
        }
        if let Some(year) = q.year {
            param(&mut sql, " AND r.year = ?", Bind::Int(year));
        }
        sql.push_str(" ORDER BY r.year, u.name, c.seq");
        let mut query = sqlx::query(&sql);
        for b in binds {
            query = match b {
                Bind::Text(t) => query.bind(t),
                Bind::Int(i) => query.bind(i),
            };
        }
        let rows = query.fetch_all(self.pool()).await?;

        let digits = match q.by {
            AggregateBy::Class => 3,
            AggregateBy::Kuan | AggregateBy::Econ => 5,
            AggregateBy::Xiang => 7,
            AggregateBy::Source => 0,
        };
        // (year, unit, key) → (name, fen), and each report counted once per key.
        let mut sums: BTreeMap<(i64, String, String), (String, i64)> = BTreeMap::new();
        let mut seen: std::collections::HashSet<(i64, String)> = std::collections::HashSet::new();
        for row in &rows {
            let (year, unit): (i64, String) = (row.try_get(0)?, row.try_get(1)?);
            let (code, name, col): (String, String, String) =
                (row.try_get(2)?, row.try_get(3)?, row.try_get(4)?);
            let (fen, report): (i64, i64) = (row.try_get(5)?, row.try_get(6)?);
            let key = match q.by {
                AggregateBy::Source => {
                    let total_row = TOTAL_ROWS.contains(&name.as_str());
                    if total_row && col != "合计" && col != "预算数" && col != "决算数" {
                        col
                    } else if !total_row && (col == "预算数" || col == "决算数") && code.is_empty()
                    {
                        name.clone()
                    } else {
                        continue;
                    }
                }
                _ if code.len() == digits => code,
                _ => continue,
            };
            // A table with both 合计 and 预算数 would count twice: the first column wins.
            if q.by == AggregateBy::Econ && !seen.insert((report, key.clone())) {
                continue;
            }
            let display = if q.by == AggregateBy::Source {
                key.clone()
            } else {
                name
            };
            let entry = sums.entry((year, unit, key)).or_insert((display, 0));
            entry.1 += fen;
        }
        Ok(sums
            .into_iter()
            .map(|((year, unit, key), (name, fen))| AggregateRow {
                year,
                unit,
                key,
                name,
                fen,
                yuan: yusuan_model::with_separators(Amount(fen).round_to(MoneyUnit::Yuan)),
            })
            .collect())
    }
}
