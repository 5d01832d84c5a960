//! The classification catalogues (政府收支分类科目), keyed by year.
//!
//! Names change between editions (2081105 残疾人就业和扶贫 → 残疾人就业), so every
//! entry belongs to a year, and a lookup for year Y takes the newest edition at or
//! before Y that knows the code, else the oldest after it. The embedded default is
//! compiled from `data/`; a user loads the official edition of a year from a CSV file,
//! which then wins for that year.
//!
//! Each edition (a year of one system, functional or economic) is complete or partial.
//! The embedded ones are partial: harvested from the codes real reports print, they
//! cannot say a code does not exist. An official edition a user loads is complete for
//! the years and systems its rows cover. Only a complete edition can call a code unknown.
//! A few 类 are complete inside the partial embedded editions: `data/complete.csv` names
//! each, with the years it holds for and the printed list every one of its 款 comes from.

use std::collections::{BTreeMap, HashMap};

use yusuan_model::{Diagnostic, EconCode, FuncCode, FuncLevel, Location, UnitKind};

const FUNCTIONAL_CSV: &str = include_str!("../data/functional.csv");
const ECONOMIC_CSV: &str = include_str!("../data/economic.csv");
const ECON_MAP_CSV: &str = include_str!("../data/econ_map.csv");
const COMPLETE_CSV: &str = include_str!("../data/complete.csv");

/// One catalogue entry: the name a code has in one year's edition.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    /// `seen`, `V`, `M`, `official` … — how far the pair was verified.
    pub verified: String,
}

/// 3xx → 5xx: the government economic code a departmental one maps to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct GovMapping {
    admin: Option<EconCode>,
    institution: Option<EconCode>,
}

/// A lookup answer: the name, and whether it came from another year's edition.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Found<'a> {
    pub name: &'a str,
    pub year: u16,
    pub exact_year: bool,
}

/// The two classifications a code can belong to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum System {
    /// 支出功能分类 (2xx).
    Functional,
    /// 部门 (3xx) or 政府 (5xx) 经济分类.
    Economic,
}

impl System {
    /// The system a code belongs to, by its first digit.
    pub fn of(code: &str) -> System {
        if code.starts_with('2') {
            System::Functional
        } else {
            System::Economic
        }
    }
}

#[derive(Clone, Debug, Default)]
pub struct Catalog {
    /// code → year → entry.
    codes: HashMap<String, BTreeMap<u16, Entry>>,
    econ_map: HashMap<String, GovMapping>,
    /// The editions known to list every code of their year and system (official ones).
    complete: std::collections::BTreeSet<(u16, System)>,
    /// 类 whose every 款 the catalogue holds, for a span of years (`data/complete.csv`).
    complete_classes: Vec<(String, std::ops::RangeInclusive<u16>)>,
}

impl Catalog {
    /// The catalogue compiled into the binary.
    pub fn embedded() -> Catalog {
        let mut catalog = Catalog::default();
        let mut diags = Vec::new();
        catalog.load_csv("embedded:functional.csv", FUNCTIONAL_CSV, &mut diags);
        catalog.load_csv("embedded:economic.csv", ECONOMIC_CSV, &mut diags);
        catalog.load_map_csv("embedded:econ_map.csv", ECON_MAP_CSV, &mut diags);
        catalog.load_complete_csv("embedded:complete.csv", COMPLETE_CSV, &mut diags);
        debug_assert!(
            diags.is_empty(),
            "embedded catalogue is malformed: {diags:?}"
        );
        catalog
    }

    /// Loads an edition from CSV text with a header containing `code` and `name`, and
    /// either a `year` column or `default_year` for every row. Rows override what the
    /// catalogue had for the same code and year. Bad rows become diagnostics and are
    /// skipped; the good rows still load.
    pub fn load_edition(
        &mut self,
        file: &str,
        text: &str,
        default_year: Option<u16>,
    ) -> Vec<Diagnostic> {
        let mut diags = Vec::new();
        let editions = self.load_rows(file, text, default_year, "official", &mut diags);
        self.complete.extend(editions);
        diags
    }

    /// Whether the edition of `year` for `system` lists every code (an official edition
    /// was loaded for it), so that a code it lacks does not exist.
    pub fn is_complete(&self, year: u16, system: System) -> bool {
        self.complete.contains(&(year, system))
    }

    /// Whether the catalogue lists every code that `code` could be in `year`: its
    /// system's edition of that year is complete, or the 类 it belongs to is.
    pub fn is_complete_for(&self, code: &str, year: u16) -> bool {
        self.is_complete(year, System::of(code))
            || self.complete_classes.iter().any(|(class, years)| {
                code.len() > class.len()
                    && code.starts_with(class.as_str())
                    && years.contains(&year)
            })
    }

    fn load_complete_csv(&mut self, file: &str, text: &str, diags: &mut Vec<Diagnostic>) {
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        for record in reader.records() {
            match record {
                Ok(r) => match (r.get(0), r.get(1).map(str::parse), r.get(2).map(str::parse)) {
                    (Some(class), Some(Ok(from)), Some(Ok(to))) => {
                        self.complete_classes.push((class.to_owned(), from..=to))
                    }
                    _ => diags.push(Diagnostic::error(
                        "E-CATALOG-YEAR",
                        "完整类清单的一行无法读取",
                        Location::file(file).at(r.position().map_or(0, |p| p.line() as u32), 1),
                    )),
                },
                Err(e) => diags.push(csv_error(file, &e)),
            }
        }
    }

    fn load_csv(&mut self, file: &str, text: &str, diags: &mut Vec<Diagnostic>) {
        self.load_rows(file, text, None, "", diags);
    }

    fn load_rows(
        &mut self,
        file: &str,
        text: &str,
        default_year: Option<u16>,
        default_flag: &str,
        diags: &mut Vec<Diagnostic>,
    ) -> std::collections::BTreeSet<(u16, System)> {
        let mut editions = std::collections::BTreeSet::new();
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(text.as_bytes());
        let headers = match reader.headers() {
            Ok(h) => h.clone(),
            Err(e) => {
                diags.push(csv_error(file, &e));
                return editions;
            }
        };
        let col = |name: &str| {
            headers
                .iter()
                .position(|h| h.trim().trim_start_matches('\u{feff}') == name)
        };
        let (Some(code_col), Some(name_col)) = (col("code"), col("name")) else {
            diags.push(Diagnostic::error(
                "E-CATALOG-HEADER",
                "科目表缺少表头列 code 或 name",
                Location::file(file).at(1, 1),
            ));
            return editions;
        };
        let year_col = col("year");
        let verified_col = col("verified");
        if year_col.is_none() && default_year.is_none() {
            diags.push(Diagnostic::error(
                "E-CATALOG-HEADER",
                "科目表没有 year 列，也未指定年度",
                Location::file(file).at(1, 1),
            ));
            return editions;
        }
        for record in reader.records() {
            let record = match record {
                Ok(r) => r,
                Err(e) => {
                    diags.push(csv_error(file, &e));
                    continue;
                }
            };
            let line = record.position().map_or(0, |p| p.line() as u32);
            let field = |i: Option<usize>| i.and_then(|i| record.get(i)).unwrap_or("").trim();
            let at =
                |i: Option<usize>| Location::file(file).at(line, i.map_or(1, |i| i as u32 + 1));
            let code = field(Some(code_col));
            if FuncCode::parse(code).is_err() && EconCode::parse(code).is_err() {
                diags.push(Diagnostic::error(
                    "E-CATALOG-CODE",
                    format!("「{code}」不是功能分类或经济分类科目编码"),
                    at(Some(code_col)),
                ));
                continue;
            }
            let year = match year_col {
                Some(_) => match field(year_col).parse::<u16>() {
                    Ok(y) if (1990..=2100).contains(&y) => y,
                    _ => {
                        diags.push(Diagnostic::error(
                            "E-CATALOG-YEAR",
                            format!("年度「{}」无效", field(year_col)),
                            at(year_col),
                        ));
                        continue;
                    }
                },
                None => default_year.unwrap_or_default(),
            };
            let name = field(Some(name_col));
            if name.is_empty() {
                diags.push(Diagnostic::error(
                    "E-CATALOG-NAME",
                    format!("科目「{code}」没有名称"),
                    at(Some(name_col)),
                ));
                continue;
            }
            let verified = match field(verified_col) {
                "" => default_flag.to_owned(),
                v => v.to_owned(),
            };
            let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
            editions.insert((year, System::of(&code)));
            self.codes.entry(code).or_default().insert(
                year,
                Entry {
                    name: name.to_owned(),
                    verified,
                },
            );
        }
        editions
    }

    fn load_map_csv(&mut self, file: &str, text: &str, diags: &mut Vec<Diagnostic>) {
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        for record in reader.records() {
            let record = match record {
                Ok(r) => r,
                Err(e) => {
                    diags.push(csv_error(file, &e));
                    continue;
                }
            };
            let get = |i| record.get(i).and_then(|s| EconCode::parse(s).ok());
            if let Some(dept) = get(0) {
                self.econ_map.insert(
                    dept.as_str().to_owned(),
                    GovMapping {
                        admin: get(1),
                        institution: get(2),
                    },
                );
            }
        }
    }

    fn lookup(&self, code: &str, year: u16) -> Option<Found<'_>> {
        let years = self.codes.get(code)?;
        let (y, entry) = years
            .range(..=year)
            .next_back()
            .or_else(|| years.range(year..).next())?;
        Some(Found {
            name: &entry.name,
            year: *y,
            exact_year: *y == year,
        })
    }

    pub fn func(&self, code: &FuncCode, year: u16) -> Option<Found<'_>> {
        self.lookup(code.as_str(), year)
    }

    pub fn econ(&self, code: &EconCode, year: u16) -> Option<Found<'_>> {
        self.lookup(code.as_str(), year)
    }

    /// A 类 printed by name alone whose name is an older edition's: the code, the year
    /// of the old name, and the name in force in `year`. None for a name that is current
    /// (or unknown) in `year`.
    pub fn stale_class_name(&self, name: &str, year: u16) -> Option<(&str, u16, &str)> {
        self.codes
            .iter()
            .filter(|(code, _)| code.len() == 3)
            .find_map(|(code, years)| {
                let (old_year, _) = years.range(..year).rev().find(|(_, e)| e.name == name)?;
                let (_, now) = years.range(..=year).next_back()?;
                (now.name != name && years.range(old_year + 1..=year).next().is_some()).then_some((
                    code.as_str(),
                    *old_year,
                    now.name.as_str(),
                ))
            })
    }

    /// The 类 of the functional classification in force in `year`, in code order: the
    /// rows of a 收支总表 that prints every 类. Editions are often partial (a year
    /// harvested from one report knows a few 类), so this is every 类 known at or
    /// before `year`, or the oldest edition's when none is.
    pub fn func_classes(&self, year: u16) -> Vec<FuncCode> {
        let classes = |pick: &dyn Fn(&BTreeMap<u16, Entry>) -> bool| -> Vec<FuncCode> {
            let mut v: Vec<FuncCode> = self
                .codes
                .iter()
                .filter(|(code, years)| code.len() == 3 && code.starts_with('2') && pick(years))
                .filter_map(|(code, _)| FuncCode::parse(code).ok())
                .collect();
            v.sort();
            v
        };
        let known = classes(&|years| years.range(..=year).next().is_some());
        if !known.is_empty() {
            return known;
        }
        let oldest = self
            .codes
            .values()
            .flat_map(|y| y.keys())
            .min()
            .copied()
            .unwrap_or(year);
        classes(&|years| years.contains_key(&oldest))
    }

    /// The 政府预算 economic code a departmental code maps to for a unit of `kind`.
    pub fn gov_econ(&self, dept: &EconCode, kind: UnitKind) -> Option<&EconCode> {
        let m = self.econ_map.get(dept.as_str())?;
        match kind {
            UnitKind::Institution => m.institution.as_ref(),
            UnitKind::Administrative | UnitKind::CivilServiceManaged => m.admin.as_ref(),
        }
    }

    pub fn len(&self) -> usize {
        self.codes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }

    /// The names of every functional 类 and 款 of any edition that end in 支出 (`医疗卫生与
    /// 计划生育支出`), longest first, each once.
    pub fn spending_names(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self
            .codes
            .iter()
            .filter(|(code, _)| code.starts_with('2') && matches!(code.len(), 3 | 5))
            .flat_map(|(_, years)| years.values().map(|e| e.name.as_str()))
            .filter(|n| n.ends_with("支出") && n.chars().count() >= 4)
            .collect();
        v.sort_unstable_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        v.dedup();
        v
    }

    /// Every functional code known at `level` for any year (for drop-down lists).
    pub fn func_codes(&self, level: FuncLevel) -> Vec<&str> {
        let mut v: Vec<&str> = self
            .codes
            .keys()
            .filter(|c| c.starts_with('2') && c.len() == level.digits())
            .map(String::as_str)
            .collect();
        v.sort_unstable();
        v
    }
}

impl Catalog {
    /// The departmental economic 款 (3xx, five digits) that one name belongs to in the
    /// edition nearest `year`, when exactly one has it (`医疗费` → 30114).
    pub fn econ_by_name(&self, name: &str, year: u16) -> Option<&str> {
        let mut found = self
            .codes
            .keys()
            .filter(|c| c.starts_with('3') && c.len() == 5)
            .filter(|c| self.lookup(c, year).is_some_and(|f| f.name == name));
        let code = found.next()?;
        found.next().is_none().then_some(code.as_str())
    }

    /// Every departmental economic 款 code (3xx, five digits) known for any year.
    pub fn econ_codes(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self
            .codes
            .keys()
            .filter(|c| c.starts_with('3') && c.len() == 5)
            .map(String::as_str)
            .collect();
        v.sort_unstable();
        v
    }
}

fn csv_error(file: &str, e: &csv::Error) -> Diagnostic {
    let (line, col) = e.position().map_or((0, 0), |p| (p.line() as u32, 1));
    Diagnostic::error(
        "E-CATALOG-CSV",
        format!("科目表 CSV 格式错误：{e}"),
        Location::file(file).at(line, col),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(s: &str) -> FuncCode {
        FuncCode::parse(s).unwrap()
    }

    #[test]
    fn embedded_has_the_seed_codes() {
        let c = Catalog::embedded();
        assert_eq!(c.func(&code("2081104"), 2024).unwrap().name, "残疾人康复");
        assert_eq!(
            c.func(&code("208"), 2024).unwrap().name,
            "社会保障和就业支出"
        );
        assert_eq!(
            c.econ(&EconCode::parse("30101").unwrap(), 2024)
                .unwrap()
                .name,
            "基本工资"
        );
        assert_eq!(c.func_classes(2024).len(), 30);
        assert_eq!(c.func_classes(2025).len(), 30);
        let gov = c
            .gov_econ(
                &EconCode::parse("30114").unwrap(),
                UnitKind::CivilServiceManaged,
            )
            .unwrap();
        assert_eq!(gov.as_str(), "50199");
    }

    #[test]
    fn the_complete_classes_of_the_embedded_catalogue() {
        let c = Catalog::embedded();
        // 302 lists 30209 物业管理费 then 30211 差旅费: 30210 does not exist since 2018.
        assert!(c.is_complete_for("30210", 2024));
        assert!(c.econ(&EconCode::parse("30210").unwrap(), 2024).is_none());
        assert!(c.econ(&EconCode::parse("30211").unwrap(), 2024).is_some());
        // Before the 2018 edition, and in a 类 no list covers, the embedded one is partial.
        assert!(!c.is_complete_for("30210", 2017));
        assert!(!c.is_complete_for("30306", 2024));
        assert!(!c.is_complete_for("302", 2024));
        // Each 款 of a complete 类 has a name for a year it is complete in.
        for (class, years) in &c.complete_classes {
            let kuan: Vec<_> = c
                .codes
                .iter()
                .filter(|(code, _)| code.len() == 5 && code.starts_with(class.as_str()))
                .collect();
            assert!(kuan.len() > 10, "{class}: {} 款", kuan.len());
            for (code, by_year) in kuan {
                assert!(
                    by_year.keys().any(|y| years.contains(y)),
                    "{code} has no name for {years:?}"
                );
            }
        }
    }

    #[test]
    fn years_fall_back_and_official_editions_win() {
        let mut c = Catalog::default();
        let diags = c.load_edition(
            "a.csv",
            "year,code,name\n2019,2081105,残疾人就业和扶贫\n2024,2081105,残疾人就业\n",
            None,
        );
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(
            c.func(&code("2081105"), 2020).unwrap().name,
            "残疾人就业和扶贫"
        );
        assert_eq!(c.func(&code("2081105"), 2025).unwrap().name, "残疾人就业");
        let early = c.func(&code("2081105"), 2010).unwrap();
        assert_eq!((early.name, early.exact_year), ("残疾人就业和扶贫", false));
        c.load_edition(
            "b.csv",
            "code,name\n2081105,残疾人就业（官方）\n",
            Some(2024),
        );
        assert_eq!(
            c.func(&code("2081105"), 2024).unwrap().name,
            "残疾人就业（官方）"
        );
    }

    #[test]
    fn bad_rows_are_located_and_skipped() {
        let mut c = Catalog::default();
        let diags = c.load_edition(
            "bad.csv",
            "year,code,name\n2024,9999,x\n2024,208,社会保障和就业支出\nxx,201,y\n2024,202,\n",
            None,
        );
        let at: Vec<String> = diags
            .iter()
            .map(|d| format!("{} {}", d.rule, d.location))
            .collect();
        assert_eq!(
            at,
            [
                "E-CATALOG-CODE bad.csv:2:2",
                "E-CATALOG-YEAR bad.csv:4:1",
                "E-CATALOG-NAME bad.csv:5:3"
            ]
        );
        assert!(c.func(&code("208"), 2024).is_some());
        let diags = c.load_edition("nohdr.csv", "a,b\n1,2\n", None);
        assert_eq!(diags[0].rule, "E-CATALOG-HEADER");
    }
}
