#!/usr/bin/env python3
"""Recall and precision of the checker on the visible reports (BENCHMARKS.md).

Recall: each defect a person labelled in golden/defects/<document>.defects.tsv counts as
found when some error or warning of `yusuan check` quotes every one of its `match` strings
(white space ignored) and, when the finding names a page (PDF) or line (text), points at
the labelled one (a line within 3, since a text finding may point at its table's first
line). Precision: each error and warning is judged by the verdict a person
gave it in crates/check/tests/corpus/<document>.findings (TRUE / FALSE); the corpus test
keeps those pins equal to what the checker says, so every finding has a verdict.

Usage: scripts/bench-check.py [YUSUAN_BIN] [CORPUS_DIR]"""
import json, os, re, subprocess, sys
from collections import Counter

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, 'target/release/yusuan')
corpus = sys.argv[2] if len(sys.argv) > 2 else os.environ.get(
    'YUSUAN_CORPUS', os.path.join(root, '..', 'shared', 'corpus', 'visible'))
squeeze = lambda s: re.sub(r'\s', '', s)

def defects(doc):
    out = []
    with open(os.path.join(root, 'golden', 'defects', doc + '.defects.tsv'), encoding='utf-8') as f:
        for line in f:
            if line.startswith('#') or line.startswith('id\t') or not line.strip():
                continue
            id_, page, severity, match, what = line.rstrip('\n').split('\t', 4)
            out.append((id_, int(page), severity, [squeeze(m) for m in match.split('|')], what))
    return out

def verdicts(doc):
    v = {}
    with open(os.path.join(root, 'crates/check/tests/corpus', doc + '.findings'), encoding='utf-8') as f:
        for line in f:
            if line.startswith('#') or not line.strip():
                continue
            verdict, rest = line.rstrip('\n').split(' ', 1)
            severity, rule, message = rest.split(' ', 2)
            v.setdefault((severity, rule, message), verdict)
    return v

docs = sorted(f[:-len('.defects.tsv')] for f in os.listdir(os.path.join(root, 'golden', 'defects')) if f.endswith('.defects.tsv'))
total = Counter()
print('| document | labelled errors found | labelled warnings found | errors true / given | warnings true / given |')
print('|---|---|---|---|---|')
for doc in docs:
    run = subprocess.run([binary, 'check', os.path.join(corpus, doc), '--format', 'json'],
                         capture_output=True, text=True)
    if run.returncode not in (0, 1):
        sys.exit(f'{doc}: yusuan check exited {run.returncode}: {run.stderr}')
    findings = [f for f in json.loads(run.stdout) if f['severity'] in ('error', 'warning')]
    said = [(squeeze(f['message']), f['location'].get('page'), f['location'].get('line'))
            for f in findings]
    def points_at(page, line, where):
        if page is not None:
            return page == where
        if line is not None:
            return abs(line - where) <= 3
        return True
    row = Counter()
    for id_, where, severity, match, what in defects(doc):
        row[f'{severity}_labelled'] += 1
        quoted = [(page, line) for s, page, line in said if all(m in s for m in match)]
        if any(points_at(page, line, where) for page, line in quoted):
            row[f'{severity}_found'] += 1
        if quoted:
            row[f'{severity}_quoted'] += 1
    pins = verdicts(doc)
    for f in findings:
        verdict = pins.get((f['severity'], f['rule'], f['message']), 'UNREVIEWED')
        row[f"{f['severity']}_given"] += 1
        row[f"{f['severity']}_true"] += verdict == 'TRUE'
        row['unreviewed'] += verdict == 'UNREVIEWED'
    total.update(row)
    print(f"| {doc} | {row['error_found']} / {row['error_labelled']} | {row['warning_found']} / {row['warning_labelled']} "
          f"| {row['error_true']} / {row['error_given']} | {row['warning_true']} / {row['warning_given']} |")
pct = lambda a, b: f'{100 * a / b:.0f}%' if b else '—'
print(f"| **all** | {total['error_found']} / {total['error_labelled']} ({pct(total['error_found'], total['error_labelled'])}) "
      f"| {total['warning_found']} / {total['warning_labelled']} ({pct(total['warning_found'], total['warning_labelled'])}) "
      f"| {total['error_true']} / {total['error_given']} ({pct(total['error_true'], total['error_given'])}) "
      f"| {total['warning_true']} / {total['warning_given']} ({pct(total['warning_true'], total['warning_given'])}) |")
print(f"\nFound by quote alone, wherever the finding points: errors {total['error_quoted']} / {total['error_labelled']}, "
      f"warnings {total['warning_quoted']} / {total['warning_labelled']}.")
if total['unreviewed']:
    print(f"{total['unreviewed']} findings have no verdict in the pins: run the check corpus test")
