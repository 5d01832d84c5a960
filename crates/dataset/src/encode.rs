//! One part file of one table: its rows encoded as Parquet (arrow's writer) or CSV.

use std::io::Write;
use std::sync::Arc;

use arrow_array::{ArrayRef, BooleanArray, Decimal128Array, Int32Array, RecordBatch, StringArray};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;

use crate::rows::Value;
use crate::schema::{Kind, TableDef};
use crate::{DatasetError, Format};

pub fn write<W: Write + Send>(
    def: &TableDef,
    rows: &[Vec<Value>],
    format: Format,
    out: W,
) -> Result<W, DatasetError> {
    match format {
        Format::Parquet => parquet(def, rows, out),
        Format::Csv => csv(def, rows, out),
    }
}

fn column(def: &TableDef, rows: &[Vec<Value>], i: usize) -> Result<ArrayRef, DatasetError> {
    let values = rows.iter().map(|r| &r[i]);
    let mismatch = || DatasetError::Internal(format!("{}.{}", def.name, def.fields[i].name));
    Ok(match def.fields[i].kind {
        Kind::Text => Arc::new(
            values
                .map(|v| match v {
                    Value::Text(t) => Ok(t.as_deref()),
                    _ => Err(mismatch()),
                })
                .collect::<Result<StringArray, _>>()?,
        ),
        Kind::Int => Arc::new(
            values
                .map(|v| match v {
                    Value::Int(n) => Ok(*n),
                    _ => Err(mismatch()),
                })
                .collect::<Result<Int32Array, _>>()?,
        ),
        Kind::Decimal => Arc::new(
            values
                .map(|v| match v {
                    Value::Decimal(n) => Ok(Some(*n)),
                    _ => Err(mismatch()),
                })
                .collect::<Result<Decimal128Array, _>>()?
                .with_precision_and_scale(18, 2)
                .map_err(|e| DatasetError::Internal(e.to_string()))?,
        ),
        Kind::Bool => Arc::new(
            values
                .map(|v| match v {
                    Value::Bool(b) => Ok(Some(*b)),
                    _ => Err(mismatch()),
                })
                .collect::<Result<BooleanArray, _>>()?,
        ),
    })
}

fn parquet<W: Write + Send>(
    def: &TableDef,
    rows: &[Vec<Value>],
    out: W,
) -> Result<W, DatasetError> {
    let schema = def.arrow_schema();
    let columns = (0..def.fields.len())
        .map(|i| column(def, rows, i))
        .collect::<Result<Vec<_>, _>>()?;
    let batch = RecordBatch::try_new(schema.clone(), columns)
        .map_err(|e| DatasetError::Internal(e.to_string()))?;
    let props = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .build();
    let mut writer = ArrowWriter::try_new(out, schema, Some(props))?;
    writer.write(&batch)?;
    Ok(writer.into_inner()?)
}

/// Hundredths as a decimal with two places (`-1087.83`, `80.00`).
pub fn decimal(hundredths: i128) -> String {
    let sign = if hundredths < 0 { "-" } else { "" };
    let abs = hundredths.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

fn csv<W: Write>(def: &TableDef, rows: &[Vec<Value>], out: W) -> Result<W, DatasetError> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(def.fields.iter().map(|f| f.name))?;
    for row in rows {
        w.write_record(row.iter().map(|v| match v {
            Value::Text(t) => t.clone().unwrap_or_default(),
            Value::Int(n) => n.map(|n| n.to_string()).unwrap_or_default(),
            Value::Decimal(n) => decimal(*n),
            Value::Bool(b) => b.to_string(),
        }))?;
    }
    w.into_inner().map_err(|e| DatasetError::Io(e.into_error()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn decimals_keep_two_places_and_the_sign() {
        assert_eq!(super::decimal(108783), "1087.83");
        assert_eq!(super::decimal(8000), "80.00");
        assert_eq!(super::decimal(-45), "-0.45");
        assert_eq!(super::decimal(0), "0.00");
    }
}
