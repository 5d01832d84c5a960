//! Deterministic synthetic budgets, for benchmarks and property tests. No randomness
//! crate: a small linear congruential generator keeps runs repeatable.

use yusuan_model::{
    Amount, Assets, Budget, Category, EconCode, Family, FuncCode, FundingSource, Line, Period,
    PriorYear, Procurement, Reasons, Scope, UnitInfo, UnitKind,
};

pub const FUNC: &[&str] = &[
    "2010101", "2010102", "2010150", "2010301", "2010302", "2010350", "2010399", "2050201",
    "2080501", "2080505", "2080506", "2080599", "2081101", "2081102", "2081104", "2081105",
    "2081106", "2081199", "2100799", "2101101", "2101102", "2101199", "2130599", "2210201",
    "2210203", "2296006",
];

pub const ECON: &[&str] = &[
    "30101", "30102", "30103", "30107", "30108", "30109", "30110", "30112", "30113", "30114",
    "30199", "30201", "30202", "30207", "30211", "30212", "30215", "30216", "30217", "30226",
    "30227", "30228", "30229", "30231", "30239", "30299", "30301", "30302", "30309", "30399",
    "31002", "31013",
];

/// A seeded generator (Knuth's MMIX constants).
pub struct Lcg(u64);

impl Lcg {
    pub fn new(seed: u64) -> Lcg {
        Lcg(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    /// The next 31-bit draw.
    pub fn draw(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.draw() % n as u64) as usize
    }
}

/// A budget of `n` lines for a unit of `kind` under `profile`.
pub fn budget(n: usize, seed: u64, profile: &str, kind: UnitKind) -> Budget {
    let mut rng = Lcg::new(seed);
    let lines = (0..n)
        .map(|_| {
            let category = [Category::Personnel, Category::Public, Category::Project][rng.below(3)];
            let source = FundingSource::ALL[rng.below(FundingSource::ALL.len())];
            let period = if rng.below(5) == 0 {
                Period::CarryOver
            } else {
                Period::Current
            };
            let project =
                (category == Category::Project).then(|| format!("项目{:03}", rng.below(200)));
            Line {
                func: FuncCode::parse(FUNC[rng.below(FUNC.len())]).expect("valid"),
                econ: EconCode::parse(ECON[rng.below(ECON.len())]).expect("valid"),
                category,
                source,
                detail: None,
                period,
                project,
                amount: Amount(rng.below(10_000_000) as i64),
            }
        })
        .collect();
    Budget {
        unit: UnitInfo {
            name: "合成测试单位".to_owned(),
            code: None,
            kind,
            year: 2024,
            family: Family::Budget,
            scope: Scope::Unit,
            profile: profile.to_owned(),
        },
        lines,
        projects: Vec::new(),
        prior: PriorYear::default(),
        procurement: Procurement::default(),
        procurement_items: Vec::new(),
        income: Vec::new(),
        balances: Default::default(),
        item_balances: Vec::new(),
        three_public_budget: Default::default(),
        initial_budget: Default::default(),
        item_reasons: Default::default(),
        prior_items: Default::default(),
        full_year_budget: Default::default(),
        three_public_counts: Default::default(),
        performance: Default::default(),
        assets: Assets::default(),
        reasons: Reasons::default(),
        overview: Vec::new(),
        purposes: Default::default(),
    }
}
