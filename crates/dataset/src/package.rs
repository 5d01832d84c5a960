//! `datapackage.json`: a Frictionless (Tabular) Data Package describing the tables from
//! their declarations, each resource listing its part files (a multipart resource), plus
//! the manifest.

use std::io::Write;
use std::path::Path;

use serde_json::{json, Value};

use crate::manifest::{self, Record, Status};
use crate::schema::{self, TableDef};
use crate::{part_path, write_atomically, DatasetError, Format};

pub const FILE: &str = "datapackage.json";

fn fields(def: &TableDef) -> Vec<Value> {
    def.fields
        .iter()
        .map(|f| {
            let mut v = json!({
                "name": f.name,
                "type": f.table_schema_type(),
                "description": f.description,
            });
            if f.required {
                v["constraints"] = json!({ "required": true });
            }
            v
        })
        .collect()
}

fn table_schema(def: &TableDef) -> Value {
    json!({
        "fields": fields(def),
        "primaryKey": def.primary_key,
        "foreignKeys": def.foreign_keys.iter().map(|(cols, table, refs)| json!({
            "fields": cols,
            "reference": { "resource": table, "fields": refs },
        })).collect::<Vec<_>>(),
    })
}

/// A path in the package: relative, with `/`.
fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn manifest_resource() -> Value {
    let described = [
        ("file", "the source as given"),
        (
            "sha256",
            "SHA-256 of the source (empty when it could not be read)",
        ),
        ("status", "written, failed or duplicate"),
        ("report_id", "reports.report_id when written"),
        ("family", "预算 or 决算, when written"),
        ("year", "the report's year, when written"),
        (
            "code",
            "why it failed (E-PDF-ENCRYPTED, E-EXTRACT-NO-TEXT, ...)",
        ),
        ("message", "the failure, in Chinese"),
    ];
    json!({
        "name": "manifest",
        "title": "处理清单",
        "profile": "tabular-data-resource",
        "path": manifest::FILE,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": {
            "fields": described.iter().map(|(name, description)| {
                let mut f = json!({ "name": name, "type": if *name == "year" { "integer" } else { "string" }, "description": description });
                if ["file", "status"].contains(name) {
                    f["constraints"] = json!({ "required": true });
                }
                f
            }).collect::<Vec<_>>(),
        },
    })
}

pub fn write(root: &Path, format: Format, records: &[Record]) -> Result<(), DatasetError> {
    let mut written: Vec<&Record> = records
        .iter()
        .filter(|r| r.status == Status::Written)
        .collect();
    written.sort_by(|a, b| a.report_id.cmp(&b.report_id));
    let mut resources = Vec::new();
    for def in [
        &schema::REPORTS,
        &schema::TABLES,
        &schema::CELLS,
        &schema::FINDINGS,
    ] {
        let parts: Vec<String> = written
            .iter()
            .map(|r| part_path(root, def, format, &r.report_id, &r.family, &r.year))
            .filter(|p| p.is_file())
            .map(|p| relative(root, &p))
            .collect();
        // A resource needs at least one file: a table no report has rows in is left out.
        if parts.is_empty() {
            continue;
        }
        let mut resource = json!({
            "name": def.name,
            "title": def.title,
            "profile": "tabular-data-resource",
            "path": parts,
            "format": format.extension(),
            "mediatype": match format {
                Format::Parquet => "application/vnd.apache.parquet",
                Format::Csv => "text/csv",
            },
            "schema": table_schema(def),
        });
        if format == Format::Csv {
            resource["encoding"] = json!("utf-8");
        }
        if def.partitioned {
            // Not part of the Frictionless spec: says how to read the path segments.
            resource["partitioning"] = json!({
                "style": "hive",
                "fields": [
                    { "name": "family", "type": "string" },
                    { "name": "year", "type": "integer" },
                ],
            });
        }
        resources.push(resource);
    }
    resources.push(manifest_resource());
    let package = json!({
        "profile": "tabular-data-package",
        "name": "yusuan-dataset",
        "title": "预算公开报告数据集",
        "description": "Tables of Chinese budget disclosure reports read by yusuan: one row per report, table, printed cell and finding. Amounts are exact decimals in the table's printed unit (tables.unit). See docs/dataset.md.",
        "resources": resources,
    });
    let bytes =
        serde_json::to_vec_pretty(&package).map_err(|e| DatasetError::Internal(e.to_string()))?;
    write_atomically(&root.join(FILE), |f| {
        f.write_all(&bytes)?;
        f.write_all(b"\n")?;
        Ok(())
    })
}
