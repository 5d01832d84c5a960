//! Text that is drawn invisibly (text render mode 3 or 7: an OCR layer under a scan, or
//! words painted over) is not part of what a reader sees, so it is not read.
//!
//! pdf_oxide's characters do not carry the render mode, so the page's content stream is
//! walked here: every text-showing operator that starts at a new text position is
//! recorded with its start (in user space) and whether it paints. A character belongs
//! to the nearest run at or before it on its baseline, and is dropped when that run is
//! invisible. Pages whose content never sets mode 3 or 7 are not walked at all.

use pdf_oxide::content::{parse_content_stream, Operator};
use pdf_oxide::PdfDocument;

/// An affine matrix `[a b c d e f]`, row-vector convention as in the PDF spec.
#[derive(Clone, Copy, Debug)]
struct Matrix([f32; 6]);

impl Matrix {
    const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    /// `self × other`.
    fn then(self, o: Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [oa, ob, oc, od, oe, of] = o.0;
        Matrix([
            a * oa + b * oc,
            a * ob + b * od,
            c * oa + d * oc,
            c * ob + d * od,
            e * oa + f * oc + oe,
            e * ob + f * od + of,
        ])
    }

    fn translate(tx: f32, ty: f32) -> Matrix {
        Matrix([1.0, 0.0, 0.0, 1.0, tx, ty])
    }

    fn origin(self) -> (f32, f32) {
        (self.0[4], self.0[5])
    }
}

/// Where a text-showing operator starts, and whether it paints.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Run {
    pub x: f32,
    pub y: f32,
    pub visible: bool,
}

/// True when the content may set an invisible render mode (`3 Tr`, `7 Tr`).
fn may_hide(data: &[u8]) -> bool {
    data.windows(2).enumerate().any(|(i, w)| {
        w == b"Tr"
            && data[..i]
                .iter()
                .rev()
                .find(|b| !b.is_ascii_whitespace())
                .is_some_and(|b| *b == b'3' || *b == b'7')
    })
}

/// The runs of a page, or none when nothing on it can be invisible.
pub(crate) fn runs(doc: &PdfDocument, page: usize) -> Vec<Run> {
    let Ok(data) = doc.get_page_content_data(page) else {
        return Vec::new();
    };
    if !may_hide(&data) {
        return Vec::new();
    }
    let Ok(ops) = parse_content_stream(&data) else {
        return Vec::new();
    };
    runs_of(&ops)
}

fn runs_of(ops: &[Operator]) -> Vec<Run> {
    let mut out = Vec::new();
    let mut ctm = Matrix::IDENTITY;
    let mut mode = 0u8;
    let mut stack: Vec<(Matrix, u8)> = Vec::new();
    let (mut tm, mut tlm) = (Matrix::IDENTITY, Matrix::IDENTITY);
    let mut leading = 0.0f32;
    // A show right after another, without a new position, continues its run.
    let mut positioned = true;
    for op in ops {
        let next_line = |tm: &mut Matrix, tlm: &mut Matrix, tx: f32, ty: f32| {
            *tlm = Matrix::translate(tx, ty).then(*tlm);
            *tm = *tlm;
        };
        let mut show = false;
        match op {
            Operator::SaveState => stack.push((ctm, mode)),
            Operator::RestoreState => {
                if let Some((c, m)) = stack.pop() {
                    ctm = c;
                    mode = m;
                }
            }
            Operator::Cm { a, b, c, d, e, f } => ctm = Matrix([*a, *b, *c, *d, *e, *f]).then(ctm),
            Operator::BeginText => {
                tm = Matrix::IDENTITY;
                tlm = Matrix::IDENTITY;
                positioned = true;
            }
            Operator::Td { tx, ty } => {
                next_line(&mut tm, &mut tlm, *tx, *ty);
                positioned = true;
            }
            Operator::TD { tx, ty } => {
                leading = -*ty;
                next_line(&mut tm, &mut tlm, *tx, *ty);
                positioned = true;
            }
            Operator::Tm { a, b, c, d, e, f } => {
                tlm = Matrix([*a, *b, *c, *d, *e, *f]);
                tm = tlm;
                positioned = true;
            }
            Operator::TStar => {
                next_line(&mut tm, &mut tlm, 0.0, -leading);
                positioned = true;
            }
            Operator::TL { leading: l } => leading = *l,
            Operator::Tr { render } => mode = *render,
            Operator::Quote { .. } | Operator::DoubleQuote { .. } => {
                next_line(&mut tm, &mut tlm, 0.0, -leading);
                positioned = true;
                show = true;
            }
            Operator::Tj { .. } | Operator::TJ { .. } => show = true,
            _ => {}
        }
        if show && positioned {
            let (x, y) = tm.then(ctm).origin();
            out.push(Run {
                x,
                y,
                visible: !matches!(mode, 3 | 7),
            });
            positioned = false;
        }
    }
    out
}

/// Whether the character at this origin was drawn visibly.
pub(crate) fn visible(runs: &[Run], x: f32, y: f32) -> bool {
    runs.iter()
        .filter(|r| (r.y - y).abs() <= 0.5 && r.x <= x + 0.5)
        .max_by(|a, b| a.x.total_cmp(&b.x))
        .is_none_or(|r| r.visible)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_mode_operator() {
        assert!(may_hide(b"BT 3 Tr (x) Tj ET"));
        assert!(may_hide(b"BT 7\nTr (x) Tj ET"));
        assert!(!may_hide(b"BT 0 Tr (x) Tj ET"));
        assert!(!may_hide(b"BT /F1 13 Tf (Tr) Tj ET"));
    }

    #[test]
    fn runs_follow_positions_and_modes() {
        let ops = vec![
            Operator::SaveState,
            Operator::Cm {
                a: 1.0,
                b: 0.0,
                c: 0.0,
                d: 1.0,
                e: 10.0,
                f: 20.0,
            },
            Operator::BeginText,
            Operator::Td {
                tx: 72.0,
                ty: 700.0,
            },
            Operator::Tj {
                text: b"shown".to_vec(),
            },
            Operator::Tj {
                text: b"still".to_vec(),
            },
            Operator::Tr { render: 3 },
            Operator::Td { tx: 100.0, ty: 0.0 },
            Operator::Tj {
                text: b"hidden".to_vec(),
            },
            Operator::EndText,
            Operator::RestoreState,
        ];
        let runs = runs_of(&ops);
        assert_eq!(
            runs,
            [
                Run {
                    x: 82.0,
                    y: 720.0,
                    visible: true
                },
                Run {
                    x: 182.0,
                    y: 720.0,
                    visible: false
                },
            ]
        );
        assert!(visible(&runs, 90.0, 720.0));
        assert!(!visible(&runs, 190.0, 720.0));
        assert!(visible(&runs, 190.0, 600.0), "another baseline");
    }
}
