//! Classification codes (政府收支分类科目), keyed by their digits, never by their names.

use std::fmt;

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    #[error("功能分类科目编码「{0}」应为以2开头的3、5或7位数字")]
    Functional(String),
    #[error("经济分类科目编码「{0}」应为以3或5开头的3或5位数字")]
    Economic(String),
}

/// The level of a functional code: 类 (3 digits), 款 (5), 项 (7).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum FuncLevel {
    #[serde(rename = "类")]
    Lei,
    #[serde(rename = "款")]
    Kuan,
    #[serde(rename = "项")]
    Xiang,
}

impl FuncLevel {
    pub const fn label(self) -> &'static str {
        match self {
            FuncLevel::Lei => "类",
            FuncLevel::Kuan => "款",
            FuncLevel::Xiang => "项",
        }
    }

    pub const fn digits(self) -> usize {
        match self {
            FuncLevel::Lei => 3,
            FuncLevel::Kuan => 5,
            FuncLevel::Xiang => 7,
        }
    }
}

/// Joins codes printed in separate 类 / 款 / 项 columns (`201 03 01` → `2010301`).
pub fn join_code(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A 支出功能分类 code: 208 → 20811 → 2081104.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct FuncCode(String);

impl FuncCode {
    pub fn parse(text: &str) -> Result<FuncCode, CodeError> {
        let code = join_code(text);
        let ok = matches!(code.len(), 3 | 5 | 7)
            && code.starts_with('2')
            && code.bytes().all(|b| b.is_ascii_digit());
        if ok {
            Ok(FuncCode(code))
        } else {
            Err(CodeError::Functional(text.trim().to_owned()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn level(&self) -> FuncLevel {
        match self.0.len() {
            3 => FuncLevel::Lei,
            5 => FuncLevel::Kuan,
            _ => FuncLevel::Xiang,
        }
    }

    /// The ancestor at `level`, or `None` when this code is above it.
    pub fn at(&self, level: FuncLevel) -> Option<FuncCode> {
        (self.0.len() >= level.digits()).then(|| FuncCode(self.0[..level.digits()].to_owned()))
    }

    pub fn parent(&self) -> Option<FuncCode> {
        match self.level() {
            FuncLevel::Lei => None,
            FuncLevel::Kuan => self.at(FuncLevel::Lei),
            FuncLevel::Xiang => self.at(FuncLevel::Kuan),
        }
    }
}

impl fmt::Display for FuncCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for FuncCode {
    type Error = CodeError;
    fn try_from(s: String) -> Result<Self, CodeError> {
        FuncCode::parse(&s)
    }
}

impl From<FuncCode> for String {
    fn from(c: FuncCode) -> String {
        c.0
    }
}

/// Which economic classification a code belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EconSystem {
    /// 部门预算支出经济分类 (3xx).
    #[serde(rename = "部门")]
    Departmental,
    /// 政府预算支出经济分类 (5xx).
    #[serde(rename = "政府")]
    Government,
}

impl EconSystem {
    pub const fn label(self) -> &'static str {
        match self {
            EconSystem::Departmental => "部门",
            EconSystem::Government => "政府",
        }
    }
}

/// A 支出经济分类 code: 类 (301) or 款 (30101), departmental 3xx or government 5xx.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct EconCode(String);

impl EconCode {
    pub fn parse(text: &str) -> Result<EconCode, CodeError> {
        let code = join_code(text);
        let ok = matches!(code.len(), 3 | 5)
            && matches!(code.as_bytes()[0], b'3' | b'5')
            && code.bytes().all(|b| b.is_ascii_digit());
        if ok {
            Ok(EconCode(code))
        } else {
            Err(CodeError::Economic(text.trim().to_owned()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn system(&self) -> EconSystem {
        if self.0.starts_with('3') {
            EconSystem::Departmental
        } else {
            EconSystem::Government
        }
    }

    /// True for a 类 code (3 digits).
    pub fn is_class(&self) -> bool {
        self.0.len() == 3
    }

    /// The 类 this 款 belongs to (itself for a 类).
    pub fn class(&self) -> EconCode {
        EconCode(self.0[..3].to_owned())
    }
}

impl fmt::Display for EconCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for EconCode {
    type Error = CodeError;
    fn try_from(s: String) -> Result<Self, CodeError> {
        EconCode::parse(&s)
    }
}

impl From<EconCode> for String {
    fn from(c: EconCode) -> String {
        c.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn functional_hierarchy() {
        let c = FuncCode::parse("208 11 04").unwrap();
        assert_eq!(c.as_str(), "2081104");
        assert_eq!(c.level(), FuncLevel::Xiang);
        assert_eq!(c.parent().unwrap().as_str(), "20811");
        assert_eq!(c.at(FuncLevel::Lei).unwrap().as_str(), "208");
        assert_eq!(FuncCode::parse("208").unwrap().parent(), None);
        assert!(FuncCode::parse("20811")
            .unwrap()
            .at(FuncLevel::Xiang)
            .is_none());
        for bad in ["2081", "308", "20811x", "", "2081104 5"] {
            assert!(FuncCode::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn economic_codes() {
        let c = EconCode::parse("30101").unwrap();
        assert_eq!(c.system(), EconSystem::Departmental);
        assert_eq!(c.class().as_str(), "301");
        assert_eq!(
            EconCode::parse("501 01").unwrap().system(),
            EconSystem::Government
        );
        assert!(EconCode::parse("2081104").is_err());
        assert!(EconCode::parse("3010").is_err());
    }
}
